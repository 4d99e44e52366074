// The built dist/index.js with `#crypto` bound to the WebCrypto backend, bundled as bundlers do for browsers,
// Workers, Deno and Bun: what the WebCrypto benchmarks run.
import { join } from 'node:path';
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
