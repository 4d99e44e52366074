// The runtime matrix: packs the built package, unpacks the tarball into a throwaway app's
// node_modules/bwell-webhooks, and runs the one conformance suite (test/conformance/suite.mjs) in every
// runtime, each loading the package the way its users do. Usage, from the repo root after `npm run build`:
//
//   node runtimes/run-all.mjs [--only name,name] [--require-all]
//
// A runtime that is not installed is reported as unavailable (with the reason), never silently skipped;
// with --require-all (CI, after `npm ci --prefix runtimes`) an unavailable runtime is a failure too.
// Exits 1 if any runtime that ran failed a check. The last line is always `runtimes: N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumUnavailable, serve, withChromium } from './chromium.mjs';
import { workerdDeliveries } from './worker-deliveries.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
// CI installs every runtime (.ci/run), so there a missing one is a failure, not a note.
const requireAll = args.includes('--require-all') || process.env.CI === 'true';
const TIMEOUT_MS = 120_000;

const local = (path) => join(here, 'node_modules', path);
const missing = (path) => (existsSync(path) ? undefined : `${path} not found (npm ci --prefix runtimes)`);

/** Packs the repo and unpacks the tarball as node_modules/bwell-webhooks of a fresh app directory. */
function createApp() {
  const app = mkdtempSync(join(tmpdir(), 'bwell-runtimes-'));
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', app], {
    cwd: root,
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const tarball = join(app, JSON.parse(pack.stdout)[0].filename);
  mkdirSync(join(app, 'node_modules'));
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', join(app, 'node_modules')], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  renameSync(join(app, 'node_modules', 'package'), join(app, 'node_modules', 'bwell-webhooks'));
  // The suite and its fixtures travel with the app, so no runtime reads the repo (Deno runs with no permissions).
  cpSync(join(root, 'test/conformance'), join(app, 'test/conformance'), { recursive: true });
  cpSync(join(root, 'src/testing/fixtures'), join(app, 'src/testing/fixtures'), { recursive: true });
  for (const entry of ['entry-esm.mjs', 'entry-cjs.cjs', 'entry-bundle.mjs', 'entry-worker.mjs']) {
    cpSync(join(here, entry), join(app, entry));
  }
  const manifest = { name: 'conformance-app', private: true, type: 'module', dependencies: { 'bwell-webhooks': '*' } };
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest));
  return app;
}

/** Runs a command in the app and parses the JSON report it prints as its last line. */
function spawnReport(app, command, commandArgs, env = {}) {
  const child = spawnSync(command, commandArgs, {
    cwd: app,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  const last = child.stdout?.trim().split('\n').at(-1) ?? '';
  if (child.status === 0 && last.startsWith('{')) return JSON.parse(last);
  const why = child.error?.message ?? `exit ${child.status ?? child.signal}: ${(child.stderr || child.stdout).trim()}`;
  throw new Error(why.slice(-1500));
}

/** Bundles an entry of the app with esbuild for a non-Node platform (platform browser: `node:` imports fail). */
async function bundle(app, entry, options) {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: app,
    entryPoints: [join(app, entry)],
    bundle: true,
    write: false,
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    ...options,
  });
  return result.outputFiles[0].text;
}

const node = (name, binary, entry) => ({
  name,
  unavailable: () => missing(binary),
  run: (app) => spawnReport(app, binary, [entry]),
});

const RUNTIMES = [
  node('node20 import', process.execPath, 'entry-esm.mjs'),
  node('node20 require', process.execPath, 'entry-cjs.cjs'),
  node('node22 import', local('node22/bin/node'), 'entry-esm.mjs'),
  node('node22 require', local('node22/bin/node'), 'entry-cjs.cjs'),
  node('node24 import', local('node24/bin/node'), 'entry-esm.mjs'),
  node('node24 require', local('node24/bin/node'), 'entry-cjs.cjs'),
  {
    name: 'deno',
    unavailable: () => missing(local('.bin/deno')),
    // No --allow-* flag: the package needs no permission to verify and parse.
    run: (app) =>
      spawnReport(app, local('.bin/deno'), ['run', '--no-prompt', '--no-lock', 'entry-esm.mjs'], {
        DENO_NO_UPDATE_CHECK: '1',
      }),
  },
  {
    name: 'bun',
    unavailable: () => missing(local('.bin/bun')),
    run: (app) => spawnReport(app, local('.bin/bun'), ['run', 'entry-esm.mjs']),
  },
  {
    name: 'edge-runtime',
    unavailable: () => missing(join(root, 'node_modules/@edge-runtime/vm')),
    run: async (app) => {
      const code = await bundle(app, 'entry-bundle.mjs', {
        conditions: ['edge-light', 'worker', 'browser'],
        format: 'iife',
        globalName: '__conformance',
      });
      const { EdgeVM } = await import('@edge-runtime/vm');
      const vm = new EdgeVM();
      vm.evaluate(code);
      // The VM is another realm: the report crosses as JSON text.
      return JSON.parse(await vm.evaluate(`__conformance.run('@edge-runtime/vm').then(JSON.stringify)`));
    },
  },
  {
    name: 'workerd',
    unavailable: () => missing(local('miniflare')),
    run: async (app) => {
      const script = await bundle(app, 'entry-worker.mjs', {
        conditions: ['workerd', 'worker', 'browser'],
        format: 'esm',
      });
      const { Miniflare } = await import('miniflare');
      // compatibilityDate must not be later than the bundled workerd build (2026-04-26).
      const mf = new Miniflare({ modules: true, script, compatibilityDate: '2026-04-01', host: '127.0.0.1', port: 0 });
      try {
        const url = await mf.ready;
        const inside = await (await fetch(new URL('/conformance', url))).json();
        const overHttp = await workerdDeliveries(url);
        const results = [...inside.results, ...overHttp];
        const failed = results.filter((result) => !result.ok).length;
        return { runtime: inside.runtime, passed: results.length - failed, failed, results };
      } finally {
        await mf.dispose();
      }
    },
  },
  {
    name: 'chromium',
    unavailable: () => chromiumUnavailable() ?? missing(local('playwright-core')),
    run: async (app) => {
      const code = await bundle(app, 'entry-bundle.mjs', { conditions: ['browser'], format: 'esm' });
      const page = `<!doctype html><meta charset="utf-8"><title>conformance</title><link rel="icon" href="data:,"><script type="module">
        import { run } from '/conformance.js';
        try { window.__result = await run(navigator.userAgent.match(/Chrom\\S+/)?.[0] ?? 'chromium'); }
        catch (error) { window.__result = { failed: 1, passed: 0, results: [{ name: 'loads', ok: false, detail: String(error) }] }; }
      </script>`;
      const server = await serve({ routes: { '/': page, '/conformance.js': code } });
      try {
        return await withChromium(async (browser) => {
          await browser.goto(server.url);
          await browser.waitForFunction(() => window.__result !== undefined, null, { timeout: TIMEOUT_MS });
          const report = await browser.evaluate(() => window.__result);
          if (browser.problems.length > 0) {
            report.results.push({ name: 'page logs no errors', ok: false, detail: browser.problems.join('; ') });
            report.failed += 1;
          }
          return report;
        });
      } finally {
        await server.close();
      }
    },
  },
];

function print(name, report, seconds) {
  const total = report.passed + report.failed;
  const verdict = report.failed === 0 && total > 0 ? 'PASS' : 'FAIL';
  console.log(`${verdict} ${name} (${report.runtime}): ${report.passed}/${total} checks, ${seconds.toFixed(1)} s`);
  const failures = report.results.filter((each) => !each.ok);
  for (const result of failures.slice(0, 8)) {
    // A runtime that did not even start gets its whole error; a failed check, its first line.
    const lines = result.detail.split('\n').filter((line) => line.trim() !== '');
    console.log(
      `  x ${result.name}: ${(result.name === 'runs' ? lines.slice(0, 12) : lines.slice(0, 1)).join('\n    ')}`,
    );
  }
  if (failures.length > 8) console.log(`  ... and ${failures.length - 8} more failed checks`);
  return verdict === 'PASS';
}

const app = createApp();
let passed = 0;
let failed = 0;
const unavailable = [];
try {
  for (const runtime of RUNTIMES.filter((each) => !only || only.includes(each.name))) {
    const why = runtime.unavailable();
    if (why) {
      console.log(`UNAVAILABLE ${runtime.name}: ${why}`);
      unavailable.push(`${runtime.name} (${why})`);
      continue;
    }
    const started = performance.now();
    let report;
    try {
      report = await runtime.run(app);
    } catch (error) {
      report = {
        runtime: runtime.name,
        passed: 0,
        failed: 1,
        results: [{ name: 'runs', ok: false, detail: error.message }],
      };
    }
    if (print(runtime.name, report, (performance.now() - started) / 1000)) passed += 1;
    else failed += 1;
  }
} finally {
  rmSync(app, { recursive: true, force: true });
}
if (unavailable.length > 0) console.log(`unavailable: ${unavailable.join(', ')}`);
if (requireAll) failed += unavailable.length;
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
