// `npm test` (scripts/test.mjs) prepares the machine before any test: it installs what it may and otherwise stops
// with the command that would. The decisions are tested as a function of the machine's facts, and the script
// itself is run on a PATH that hides redis-server and the runtimes, with stand-ins for apt-get and npm that only
// record how they were called: nothing is installed or removed on the machine running these tests.

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type MachineFacts, planFor } from '../../scripts/prerequisites.mjs';

const debianRoot: MachineFacts = {
  platform: 'linux',
  arch: 'x64',
  isRoot: true,
  managers: ['apt-get'],
  hasSudo: false,
  chromiumPathSet: false,
};

describe('planFor', () => {
  it('installs nothing and stops for nothing when nothing is missing', () => {
    expect(planFor([], debianRoot)).toEqual({ install: [], stop: undefined });
  });

  it('installs the Debian packages and the runtimes package itself as root with apt-get', () => {
    expect(planFor(['redis-server', 'chromium', 'runtimes'], debianRoot)).toEqual({
      install: [
        { command: 'apt-get', args: ['update', '-qq'] },
        { command: 'apt-get', args: ['install', '-y', '-qq', 'redis-server', 'chromium'] },
        { command: 'npm', args: ['ci', '--prefix', 'runtimes', '--no-audit', '--no-fund'] },
      ],
      stop: undefined,
    });
  });

  it('installs the runtimes package without root: it is npm, not the system', () => {
    const plan = planFor(['runtimes'], { ...debianRoot, isRoot: false });
    expect(plan.stop).toBeUndefined();
    expect(plan.install).toEqual([{ command: 'npm', args: ['ci', '--prefix', 'runtimes', '--no-audit', '--no-fund'] }]);
  });

  it('stops without root and names the sudo command, installing nothing', () => {
    const plan = planFor(['redis-server', 'runtimes'], { ...debianRoot, isRoot: false, hasSudo: true });
    expect(plan.install).toEqual([]);
    expect(plan.stop).toContain("sudo sh -c 'apt-get update && apt-get install -y redis-server'");
    expect(plan.stop).toContain('set REDIS_URL');
  });

  it('says "as root" where there is no sudo, with the package names of the manager found', () => {
    const plan = planFor(['redis-server', 'chromium'], { ...debianRoot, isRoot: false, managers: ['apk'] });
    expect(plan.stop).toContain('as root: apk add redis chromium');
    expect(plan.stop).toContain('CHROMIUM_PATH');
  });

  it('gives the Debian command for reference when it knows no package manager on PATH', () => {
    const plan = planFor(['chromium'], { ...debianRoot, managers: [] });
    expect(plan.install).toEqual([]);
    expect(plan.stop).toContain('apt-get update && apt-get install -y chromium');
  });

  it('on macOS names Homebrew for the tools and a Debian container for the Linux-only runtimes', () => {
    const mac = { ...debianRoot, platform: 'darwin', arch: 'arm64', isRoot: false, managers: ['brew'] };
    const plan = planFor(['redis-server', 'chromium', 'runtimes'], mac);
    expect(plan.install).toEqual([]);
    expect(plan.stop).toContain('brew install redis && brew install --cask chromium');
    expect(plan.stop).toContain('pins Linux x64 binaries, and this is darwin arm64');
    expect(plan.stop).toContain('docker run --rm -it -v "$PWD":/repo -w /repo node:20 bash -c "npm ci && npm test"');
  });

  it('does not install Debian Chromium over a CHROMIUM_PATH that points nowhere', () => {
    const plan = planFor(['redis-server', 'chromium'], { ...debianRoot, chromiumPathSet: true });
    expect(plan.install).toEqual([]);
    expect(plan.stop).toContain('CHROMIUM_PATH is set, but no file is there');
  });
});

describe('scripts/test.mjs on a machine without redis-server and the runtimes', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the scripts in an empty repo, and a PATH with node and recording stand-ins only. */
  function sandbox() {
    dir = mkdtempSync(join(tmpdir(), 'bwell-npm-test-'));
    mkdirSync(join(dir, 'repo/scripts'), { recursive: true });
    mkdirSync(join(dir, 'repo/runtimes'));
    for (const file of ['test.mjs', 'prerequisites.mjs']) {
      copyFileSync(join('scripts', file), join(dir, 'repo/scripts', file));
    }
    mkdirSync(join(dir, 'bin'));
    symlinkSync(process.execPath, join(dir, 'bin/node'));
    for (const tool of ['apt-get', 'npm']) {
      writeFileSync(join(dir, 'bin', tool), `#!/bin/sh\necho "${tool} $*" >> "${join(dir, 'calls.log')}"\n`);
      chmodSync(join(dir, 'bin', tool), 0o755);
    }
    writeFileSync(join(dir, 'calls.log'), '');
  }

  function run(env: Record<string, string>) {
    const { REDIS_URL: _url, CHROMIUM_PATH: _chromium, ...rest } = process.env;
    const child = spawnSync(process.execPath, [join(dir, 'repo/scripts/test.mjs'), '--check'], {
      encoding: 'utf8',
      env: { ...rest, PATH: join(dir, 'bin'), CHROMIUM_PATH: process.execPath, ...env },
    });
    return {
      status: child.status,
      output: child.stdout + child.stderr,
      calls: readFileSync(join(dir, 'calls.log'), 'utf8'),
    };
  }

  it('as root runs apt-get and npm ci --prefix runtimes before any test (otherwise names the command)', () => {
    sandbox();
    const { status, output, calls } = run({});
    if (process.getuid?.() === 0) {
      expect(calls).toBe(
        'apt-get update -qq\napt-get install -y -qq redis-server\nnpm ci --prefix runtimes --no-audit --no-fund\n',
      );
      // The stand-ins installed nothing, so the script says what is still missing, and tests nothing.
      expect(output).toContain('Still missing after installing: redis-server, runtimes.');
    } else {
      expect(calls).toBe('');
      expect(output).toContain('as root: apt-get update && apt-get install -y redis-server');
    }
    expect(output).toContain('No test was run.');
    expect(status).toBe(2);
  });

  it('with BWELL_TEST_NO_INSTALL, installs nothing and names the command', () => {
    sandbox();
    const { status, output, calls } = run({ BWELL_TEST_NO_INSTALL: '1' });
    expect(calls).toBe('');
    expect(output).toContain('as root: apt-get update && apt-get install -y redis-server');
    expect(output).toContain('No test was run.');
    expect(status).toBe(2);
  });

  it('passes the check once REDIS_URL names a Redis and the runtimes are there', () => {
    sandbox();
    for (const file of ['node22/bin/node', 'node24/bin/node', '.bin/deno', '.bin/bun', 'miniflare']) {
      mkdirSync(join(dir, 'repo/runtimes/node_modules', file), { recursive: true });
    }
    const { status, output, calls } = run({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect({ status, calls }).toEqual({ status: 0, calls: '' });
    expect(output).toContain('this machine has everything the tests need');
  });
});
