import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { requireBuild, run } from './binary.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let dir: string;

beforeAll(async () => {
  requireBuild();
  dir = await mkdtemp(join(tmpdir(), 'bwell-cli-'));
  await writeFile(join(dir, 'body.json'), '{"resourceType":"Bundle"}');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bwell-webhooks', { timeout: 30_000 }, () => {
  it('prints its version from package.json', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await run([flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('lists every command in its help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const name of ['demo', 'listen', 'send', 'verify', 'sign'])
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(stdout).toContain('Exit codes: 0 ok, 1 verification or delivery failed, 2 usage error.');
  });

  it('shows the help on stderr and exits 2 without a command', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: bwell-webhooks <command>');
  });

  it.each(['demo', 'listen', 'send', 'verify', 'sign'])('has --help for %s', async (name) => {
    const { code, stdout } = await run([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^bwell-webhooks ${name}: `));
    expect(stdout).toContain(`Usage: bwell-webhooks ${name}`);
    expect(stdout).toContain('Exit codes:');
  });

  it.each([
    { args: ['frobnicate'], message: "unknown command 'frobnicate'" },
    { args: ['sign', '--nope'], message: 'unknown option --nope' },
    { args: ['sign', '--secret', SECRET], message: '--body FILE is required' },
    { args: ['send', 'user-delete-completed'], message: '--url URL (absolute) is required' },
    { args: ['send', 'user-created', '--url', 'http://127.0.0.1:9'], message: "unknown event type 'user-created'" },
    { args: ['send', '--url', 'http://127.0.0.1:9'], message: 'give an event type or --file FILE, one of the two' },
    { args: ['verify', '--body', 'x'], message: 'give the headers with --headers FILE' },
    { args: ['verify', '--body', '-', '--headers', '-'], message: 'stdin can be --body or --headers, not both' },
    { args: ['listen', '--port', 'http'], message: '--port expects an integer from 0 to 65535' },
    { args: ['demo', 'extra'], message: 'demo takes no arguments, got 1' },
  ])('exits 2 with the usage error "$message"', async ({ args, message }) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toMatch(/Run 'bwell-webhooks( \w+)? --help' for usage\./);
  });

  it('exits 2 and names the three ways to give a secret when none is given', async () => {
    const { code, stderr } = await run(['sign', '--body', join(dir, 'body.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('no secret: give --secret-file FILE, set BWELL_WEBHOOK_SECRET, or --secret');
  });

  it('exits 2 for a secret that is not base64, without printing it', async () => {
    const bad = 'whsec_this is not base64 at all!!';
    const { code, stdout, stderr } = await run(['sign', '--body', join(dir, 'body.json'), '--secret', bad]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/secret/);
    expect(stdout + stderr).not.toContain('this is not base64');
  });

  it('does not echo a stray argument, which may be a mistyped secret', async () => {
    const { code, stderr } = await run(['sign', '--secrt', SECRET]);
    expect(code).toBe(2);
    expect(stderr).not.toContain(SECRET.slice(6));
  });
});
