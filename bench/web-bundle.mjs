// The built dist/index.js with `#crypto` bound to the WebCrypto backend, bundled as bundlers do for browsers,
// Workers, Deno and Bun: what the WebCrypto benchmarks run.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Writes the bundle to `outfile` (ESM). */
export async function bundleWithWebCrypto(outfile) {
  await build({
    entryPoints: [join(root, 'dist/index.js')],
    bundle: true,
    format: 'esm',
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'crypto-web',
        setup: (b) => b.onResolve({ filter: /^#crypto$/ }, () => ({ path: join(root, 'dist/crypto/web.js') })),
      },
    ],
  });
}

/** Bundles one internal module of the sources (TypeScript) to `outfile` (ESM), for a benchmark of its own. */
export async function bundleInternal(entry, outfile) {
  await build({ entryPoints: [entry], bundle: true, format: 'esm', outfile, logLevel: 'error' });
}

/**
 * Bundles the package's sources (src/index.ts, `#crypto` on node:crypto) to `outfile` (ESM), with each statement
 * of `strip` ({ file: [statement, ...] }, files relative to src/) removed: an ablation, to measure what those
 * statements cost. A statement that is not found fails the build, so that a renamed one cannot make the
 * ablation measure nothing.
 */
export async function bundleSourcesWithout(strip, outfile) {
  await build({
    entryPoints: [join(root, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'ablate',
        setup: (b) => {
          b.onResolve({ filter: /^#crypto$/ }, () => ({ path: join(root, 'src/crypto/node.ts') }));
          b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
            let contents = await readFile(path, 'utf8');
            for (const statement of strip[relative(join(root, 'src'), path)] ?? []) {
              if (!contents.includes(statement)) throw new Error(`ablation: ${statement} not found in ${path}`);
              contents = contents.replace(statement, '');
            }
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
}
