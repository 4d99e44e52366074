// `npm test`: every test, on a fresh clone right after `npm ci`. First it makes sure the machine has what the
// tests use (redis-server and Chromium from Debian, the runtimes/ package), installing them where it may (root
// with apt-get; npm for runtimes/) and otherwise stopping before any test with the one command that would.
// Then it runs the steps below in order and stops at the first that fails. Redis itself is started by
// test/redis/global-setup.ts, on a free 127.0.0.1 port, and stopped when vitest ends.
//
//   node scripts/test.mjs           prepare the machine, then run every step
//   node scripts/test.mjs --check   prepare the machine (or say what is missing), run nothing
//   BWELL_TEST_NO_INSTALL=1         never install: say what is missing and stop
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium, findMissing, machineFacts, planFor } from './prerequisites.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STEPS = ['lint', 'typecheck', 'build', 'test:unit', 'test:dist', 'test:docs-site'];
const started = performance.now();
const seconds = (from) => `${((performance.now() - from) / 1000).toFixed(0)} s`;

function prepare() {
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20) return `npm test needs Node 20 or newer, and this is Node ${process.versions.node}.`;
  const missing = findMissing(root);
  if (missing.length === 0) return undefined;
  const facts = machineFacts();
  const plan = planFor(missing, process.env.BWELL_TEST_NO_INSTALL ? { ...facts, isRoot: false } : facts);
  if (plan.stop) return plan.stop;
  console.log(`npm test: installing what the tests need (${missing.join(', ')})`);
  for (const { command, args } of plan.install) {
    console.log(`> ${command} ${args.join(' ')}`);
    const child = spawnSync(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (child.status !== 0)
      return `\`${command} ${args.join(' ')}\` failed (${child.error?.message ?? `exit ${child.status}`}).`;
  }
  const still = findMissing(root);
  return still.length === 0 ? undefined : `Still missing after installing: ${still.join(', ')}.`;
}

const problem = prepare();
if (problem !== undefined) {
  console.error(`\n${problem}\nNo test was run.`);
  process.exit(2);
}
if (process.argv.includes('--check')) {
  console.log('npm test: this machine has everything the tests need.');
  process.exit(0);
}

// CI=true makes the runtime matrix fail on a runtime it cannot find instead of reporting it unavailable:
// everything was installed above, so nothing may go missing silently. A Chromium found on PATH is passed on.
const env = { ...process.env, CI: 'true', CHROMIUM_PATH: findChromium() };
const timings = [];
for (const step of STEPS) {
  const from = performance.now();
  console.log(`\n== npm run ${step}`);
  const child = spawnSync('npm', ['run', '--silent', step], { cwd: root, stdio: 'inherit', env });
  timings.push(`${step} ${seconds(from)}`);
  if (child.status !== 0) {
    console.error(`\nnpm test: \`npm run ${step}\` failed after ${seconds(started)} (${timings.join(', ')}).`);
    process.exit(1);
  }
}
console.log(`\nnpm test: every step passed in ${seconds(started)} (${timings.join(', ')}).`);
