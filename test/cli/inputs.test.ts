// Every input the command reads is read under a cap, and a mistyped secret never comes back in an error.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, run } from './binary.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const KEY = SECRET.slice(6);
const env = { BWELL_WEBHOOK_SECRET: SECRET };
const HEADERS = ['-H', 'webhook-id: msg_1', '-H', 'webhook-timestamp: 1700000000', '-H', 'webhook-signature: v1,x'];
let dir: string;

beforeAll(async () => {
  requireBuild();
  dir = await mkdtemp(join(tmpdir(), 'bwell-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// An endless input: without a cap applied while reading, these runs never end (or run out of memory).
describe('reading under the cap', { timeout: 30_000 }, () => {
  it('verify stops reading --body /dev/zero at --max-bytes and diagnoses payload_too_large', async () => {
    const { code, stdout } = await run(['verify', '--body', '/dev/zero', '--max-bytes', '1000', ...HEADERS], {
      env,
      timeout: 10_000,
    });
    expect(code).toBe(1);
    expect(stdout).toContain('✗ payload_too_large: the body is larger than the cap of 1000 bytes');
    expect(stdout).toContain('hint: raise the cap with --max-bytes');
  });

  it('verify applies the default cap of 1 MiB to an endless body', async () => {
    const { code, stdout } = await run(['verify', '--json', '--body', '/dev/zero', ...HEADERS], {
      env,
      timeout: 10_000,
    });
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, code: 'payload_too_large', id: 'msg_1' });
    expect(JSON.parse(stdout).reason).toContain('1048576 bytes');
  });

  it('verify stops reading stdin at the cap, without waiting for its end', async () => {
    // The pipe stays open: only a reader that counts while it reads can answer.
    const { code, stdout } = await run(['verify', '--body', '-', '--max-bytes', '10', ...HEADERS], {
      env,
      input: '{"resourceType":"Bundle"}',
      keepOpen: true,
      timeout: 10_000,
    });
    expect(code).toBe(1);
    expect(stdout).toContain('✗ payload_too_large');
  });

  it('sign stops reading stdin from /dev/zero at the cap and says how to raise it', async () => {
    const { code, stdout, stderr } = await run(['sign', '--body', '-', '--max-bytes', '4096'], {
      env,
      stdinFile: '/dev/zero',
      timeout: 10_000,
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bwell-webhooks: --body is larger than the cap of 4096 bytes: raise it with --max-bytes');
  });

  it('send stops reading --file /dev/zero at the default cap', async () => {
    const { code, stderr } = await run(['send', '--file', '/dev/zero', '--url', 'http://127.0.0.1:9/'], {
      env,
      timeout: 10_000,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('--file is larger than the cap of 1048576 bytes');
  });

  it('reads --secret-file under a small cap of its own', async () => {
    const { code, stderr } = await run(['sign', '--body', '-', '--secret-file', '/dev/zero'], { timeout: 10_000 });
    expect(code).toBe(2);
    expect(stderr).toContain('--secret-file is larger than the cap of 65536 bytes');
  });

  it('signs a body of exactly --max-bytes, and one byte more is refused', async () => {
    await writeFile(join(dir, 'ten.txt'), '0123456789');
    const at = await run(['sign', '--body', join(dir, 'ten.txt'), '--max-bytes', '10'], { env });
    expect(at.code).toBe(0);
    const over = await run(['sign', '--body', join(dir, 'ten.txt'), '--max-bytes', '9'], { env });
    expect(over.code).toBe(2);
  });
});

describe('a secret given where a path goes', { timeout: 30_000 }, () => {
  it.each([
    { what: '--secret-file', args: ['sign', '--body', '-', '--secret-file', SECRET] },
    { what: '--secret-file (bare base64)', args: ['sign', '--body', '-', '--secret-file', KEY] },
    { what: '--body', args: ['sign', '--body', SECRET] },
    { what: '--file', args: ['send', '--file', SECRET, '--url', 'http://127.0.0.1:9/'] },
    { what: '--headers', args: ['verify', '--body', '-', '--headers', SECRET] },
  ])('is not echoed when it is given as $what', async ({ args }) => {
    const { code, stdout, stderr } = await run(args, { env: { BWELL_WEBHOOK_SECRET: 'whsec_AAAAAAAAAAAA' } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read --[a-z-]+ \(a path that looks like a secret, not shown\): ENOENT/);
    expect(stdout + stderr).not.toContain(KEY);
  });

  it('still names an ordinary missing path', async () => {
    const { stderr } = await run(['sign', '--body', 'bdy.json'], { env });
    expect(stderr).toContain('cannot read --body bdy.json: ENOENT');
  });
});
