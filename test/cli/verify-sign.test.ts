import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, run } from './binary.js';
import { type Captured, startCapture } from './capture.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER = 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
let dir: string;
let secretFile: string;
let captured: Captured;
const outputs: string[] = [];
const path = (name: string) => join(dir, name);

/** Runs the binary and keeps its output for the final no-secret check. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const result = await run(args, { env });
  outputs.push(result.stdout, result.stderr);
  return result;
}

beforeAll(async () => {
  requireBuild();
  dir = await mkdtemp(join(tmpdir(), 'bwell-cli-'));
  secretFile = path('secret.txt');
  await writeFile(secretFile, `${SECRET}\n`);
  // A real delivery, captured off the wire: `send` posts to an app that records the raw bytes.
  const app = await startCapture();
  try {
    const sent = await cli(['send', 'data-export-completed', '--url', app.url, '--secret-file', secretFile]);
    expect(sent.code).toBe(0);
    captured = app.requests[0] as Captured;
  } finally {
    await app.close();
  }
  await writeFile(path('body.json'), captured.body);
  await writeFile(path('headers.txt'), `POST /hook HTTP/1.1\n${captured.headerText}`);
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const verifyCaptured = (...extra: string[]) =>
  cli(['verify', '--secret-file', secretFile, '--body', path('body.json'), '--headers', path('headers.txt'), ...extra]);

describe('bwell-webhooks verify on a captured delivery', { timeout: 30_000 }, () => {
  it('verifies it, prints the event and exits 0', async () => {
    const { code, stdout } = await verifyCaptured();
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ verified webhook-id msg_\S+, sent \d+ s before now\n/);
    expect(stdout).toContain('data-export-completed: person Person/789, external id urn:client:identifier|');
  });

  it('says the body was re-serialised when it was run through JSON.stringify(JSON.parse(body))', async () => {
    await writeFile(path('reserialised.json'), JSON.stringify(JSON.parse(captured.body.toString())));
    const { code, stdout } = await cli([
      'verify',
      '--secret-file',
      secretFile,
      '--body',
      path('reserialised.json'),
      '--headers',
      path('headers.txt'),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '✗ no_matching_signature: the body was re-serialised: the signature matches it as JSON indented by 2 spaces, not the bytes given',
    );
    expect(stdout).toContain('hint: verify the raw bytes exactly as received');
  });

  it('gives the clock skew in seconds when the clock is an hour ahead', async () => {
    const sentAt = Number(captured.headers['webhook-timestamp']);
    const { code, stdout } = await verifyCaptured('--now', String(sentAt + 3600));
    expect(code).toBe(1);
    expect(stdout).toContain(
      '✗ timestamp_too_old: the timestamp is 3600 seconds in the past (tolerance 300 s); the signature itself is valid',
    );
    expect(stdout).toContain(`re-run with --now ${sentAt}`);
  });

  it('accepts the same skew with a wider --tolerance, and an ISO --now', async () => {
    const sentAt = Number(captured.headers['webhook-timestamp']);
    const iso = new Date((sentAt + 3600) * 1000).toISOString();
    expect((await verifyCaptured('--now', iso, '--tolerance', '3600')).code).toBe(0);
  });

  it('blames the secret or a changed body for a wrong secret', async () => {
    const { code, stdout } = await cli(['verify', '--body', path('body.json'), '--headers', path('headers.txt')], {
      BWELL_WEBHOOK_SECRET: OTHER,
    });
    expect(code).toBe(1);
    expect(stdout).toContain(
      '✗ no_matching_signature: no signature matched: the secret is not the one the sender used, or the body was changed after signing',
    );
  });

  it('names a missing header', async () => {
    const lines = captured.headerText.split('\n').filter((line) => !/^webhook-signature:/i.test(line));
    await writeFile(path('no-signature.txt'), lines.join('\n'));
    const { code, stdout } = await cli([
      'verify',
      '--secret-file',
      secretFile,
      '--body',
      path('body.json'),
      '--headers',
      path('no-signature.txt'),
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✗ missing_header: .*webhook-signature/);
    expect(stdout).toContain('missing webhook-signature');
  });

  it('reads the headers from -H flags and prints the diagnosis as JSON', async () => {
    const h = (name: string) => ['-H', `${name}: ${captured.headers[name]}`];
    const { code, stdout } = await cli(
      [
        'verify',
        '--json',
        '--body',
        path('body.json'),
        ...h('webhook-id'),
        ...h('webhook-timestamp'),
        ...h('webhook-signature'),
      ],
      { BWELL_WEBHOOK_SECRET: SECRET },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      code: 'ok',
      id: captured.headers['webhook-id'],
      event: { type: 'data-export-completed', person: 'Person/789' },
    });
  });

  it('recognises a base64-encoded body, as AWS Lambda hands it with isBase64Encoded', async () => {
    await writeFile(path('lambda.txt'), captured.body.toString('base64'));
    const { code, stdout } = await cli([
      'verify',
      '--secret-file',
      secretFile,
      '--body',
      path('lambda.txt'),
      '--headers',
      path('headers.txt'),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '✗ no_matching_signature: the body is base64-encoded: the signature matches its base64 decoding, not the bytes given',
    );
    expect(stdout).toContain('isBase64Encoded');
  });

  it('includes the webhook-id in --json when the delivery does not verify', async () => {
    const { code, stdout } = await cli(
      ['verify', '--json', '--body', path('body.json'), '--headers', path('headers.txt')],
      { BWELL_WEBHOOK_SECRET: OTHER },
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: false,
      code: 'no_matching_signature',
      id: captured.headers['webhook-id'],
    });
  });

  it('reads the headers from a JSON object', async () => {
    await writeFile(path('headers.json'), JSON.stringify(captured.headers));
    const { code } = await cli([
      'verify',
      '--secret-file',
      secretFile,
      '--body',
      path('body.json'),
      '--headers',
      path('headers.json'),
    ]);
    expect(code).toBe(0);
  });
});

describe('bwell-webhooks sign', { timeout: 30_000 }, () => {
  it('prints three headers that verify accepts: a round trip', async () => {
    await writeFile(path('payload.json'), '{"resourceType":"Bundle","type":"message"}');
    const signed = await cli([
      'sign',
      '--secret-file',
      secretFile,
      '--body',
      path('payload.json'),
      '--id',
      'msg_round',
    ]);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/^webhook-id: msg_round\nwebhook-timestamp: \d+\nwebhook-signature: v1,\S+\n$/);
    await writeFile(path('signed.txt'), signed.stdout);
    const verified = await cli([
      'verify',
      '--secret-file',
      secretFile,
      '--body',
      path('payload.json'),
      '--headers',
      path('signed.txt'),
    ]);
    // The signature checks out; the body is not a b.well event, and verify says so.
    expect(verified.stdout).toMatch(/^✗ \w+: signature valid, but the body is not a b.well event/);
    expect(verified.code).toBe(1);
  });

  it('signs the captured body to the same signature at the same id and timestamp', async () => {
    const { stdout } = await cli(
      [
        'sign',
        '--json',
        '--body',
        path('body.json'),
        '--id',
        String(captured.headers['webhook-id']),
        '--timestamp',
        String(captured.headers['webhook-timestamp']),
      ],
      { BWELL_WEBHOOK_SECRET: SECRET },
    );
    expect(JSON.parse(stdout)).toEqual({
      'webhook-id': captured.headers['webhook-id'],
      'webhook-timestamp': captured.headers['webhook-timestamp'],
      'webhook-signature': captured.headers['webhook-signature'],
    });
  });

  it('signs a body from stdin', async () => {
    const { code, stdout } = await run(['sign', '--body', '-', '--secret-file', secretFile], { input: '{}' });
    expect(code).toBe(0);
    expect(stdout).toContain('webhook-signature: v1,');
  });
});

describe('secrets', () => {
  it('never appear in anything verify or sign printed', () => {
    const all = outputs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [SECRET, OTHER]) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice(6));
    }
  });
});
