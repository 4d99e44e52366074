import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../../src/cli/receiver.js';
import { signPayload, verifySignature } from '../../src/index.js';
import { requireBuild, run, start, stop } from './binary.js';
import { startCapture } from './capture.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER = 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const LISTENING = /\{"listening":"(http:\/\/127\.0\.0\.1:\d+\/webhook)"[^\n]*\}\n/;
const children: ChildProcess[] = [];
const outputs: (() => string)[] = [];
let dir: string;
let secretFile: string;

/** Starts `listen --json` on a free port and returns its URL and a reader of its delivery records. */
async function listen(...args: string[]) {
  const listener = await start(['listen', '--port', '0', '--json', ...args], LISTENING);
  children.push(listener.child);
  outputs.push(listener.output);
  const records = (): DeliveryRecord[] =>
    listener
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{"status"'))
      .map((line) => JSON.parse(line));
  return { url: listener.match[1] as string, records, output: listener.output, first: JSON.parse(listener.match[0]) };
}

async function send(args: string[], env: Record<string, string> = { BWELL_WEBHOOK_SECRET: SECRET }) {
  const result = await run(['send', ...args], { env });
  outputs.push(() => result.stdout + result.stderr);
  return result;
}

/** Waits until the listener has printed `count` records (it prints before answering, so this is quick). */
async function recordsAfter(records: () => DeliveryRecord[], count: number) {
  for (let i = 0; i < 50 && records().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return records();
}

beforeAll(async () => {
  requireBuild();
  dir = await mkdtemp(join(tmpdir(), 'bwell-cli-'));
  secretFile = join(dir, 'secret.txt');
  await writeFile(secretFile, `${SECRET}\n`);
});

afterAll(async () => {
  await Promise.all(children.map(stop));
  await rm(dir, { recursive: true, force: true });
});

// Each test spawns a few processes: generous bounds for a loaded machine.
describe('bwell-webhooks listen and send over loopback', { timeout: 30_000 }, () => {
  let receiver: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    receiver = await listen('--secret-file', secretFile);
  }, 15_000);

  it('delivers each event type in both shapes and prints the FHIR acknowledgement', async () => {
    for (const shape of ['bundle', 'header']) {
      for (const type of ['user-delete-completed', 'data-export-completed']) {
        const { code, stdout } = await send([type, '--url', receiver.url, '--shape', shape, '--person', '42']);
        expect(code).toBe(0);
        expect(stdout).toMatch(new RegExp(`^→ POST ${receiver.url} ${type} webhook-id msg_\\S+\\n← 200 OK\\n`));
        expect(stdout).toContain('"code": "webhook-payload-received"');
      }
    }
    const records = await recordsAfter(receiver.records, 4);
    expect(records).toHaveLength(4);
    expect(records[1]).toMatchObject({
      status: 200,
      outcome: 'handled',
      event: { type: 'data-export-completed', person: 'Person/42', downloadUrl: expect.stringMatching(/^https:/) },
    });
  });

  it('sends the values given on the command line', async () => {
    const before = receiver.records().length;
    const url = 'https://example.org/export.zip';
    const args = ['--url', receiver.url, '--external-id', 'abc-1', '--download-url', url];
    expect((await send(['data-export-completed', ...args])).code).toBe(0);
    const records = await recordsAfter(receiver.records, before + 1);
    expect(records[before]).toMatchObject({
      event: { externalIdentifier: 'urn:client:identifier|abc-1', downloadUrl: url },
    });
  });

  it('exits 1 on a 401 when the secrets differ, and the listener says why', async () => {
    const before = receiver.records().length;
    const { code, stdout } = await send(['user-delete-completed', '--url', receiver.url], {
      BWELL_WEBHOOK_SECRET: OTHER,
    });
    expect(code).toBe(1);
    expect(stdout).toContain('← 401 Unauthorized no_matching_signature');
    const records = await recordsAfter(receiver.records, before + 1);
    expect(records[before]).toMatchObject({ status: 401, outcome: 'refused', code: 'no_matching_signature' });
  });

  it('acknowledges a retry with the same webhook-id without handling it again', async () => {
    const before = receiver.records().length;
    for (let i = 0; i < 2; i++) {
      expect((await send(['user-delete-completed', '--url', receiver.url, '--id', 'msg_retry'])).code).toBe(0);
    }
    const records = await recordsAfter(receiver.records, before + 2);
    expect(records.slice(before).map((record) => record.outcome)).toEqual(['handled', 'duplicate']);
  });

  it('acknowledges an unknown event type', async () => {
    const before = receiver.records().length;
    expect((await send(['unknown', '--url', receiver.url])).code).toBe(0);
    const records = await recordsAfter(receiver.records, before + 1);
    expect(records[before]).toMatchObject({ status: 200, outcome: 'unknown', event: { type: 'unknown' } });
  });

  it('sends a file byte for byte, and the listener refuses what is not a b.well event', async () => {
    await writeFile(join(dir, 'patient.json'), '{"resourceType":"Patient"}');
    const { code, stdout } = await send(['--file', join(dir, 'patient.json'), '--url', receiver.url]);
    expect(code).toBe(1);
    expect(stdout).toContain('← 400 Bad Request not_a_message');
  });

  it('exits 1 when nothing answers', async () => {
    const closed = await startCapture();
    await closed.close();
    const { code, stderr } = await send(['user-delete-completed', '--url', closed.url]);
    expect(code).toBe(1);
    expect(stderr).toContain(`no answer from ${closed.url}: ECONNREFUSED`);
  });
});

describe('bwell-webhooks listen --forward', { timeout: 30_000 }, () => {
  it("forwards a verified delivery's exact bytes and signature headers to the app", async () => {
    const app = await startCapture();
    try {
      const receiver = await listen('--forward', app.url, '--secret-file', secretFile);
      const { code } = await send(['user-delete-completed', '--url', receiver.url]);
      expect(code).toBe(0);
      expect(app.requests).toHaveLength(1);
      const [forwarded] = app.requests;
      // The app can verify the forwarded delivery with the same secret: nothing was re-serialised.
      const delivery = await verifySignature({
        payload: forwarded?.body as Buffer,
        headers: forwarded?.headers ?? {},
        secret: SECRET,
      });
      expect(delivery.id).toMatch(/^msg_/);
      expect(forwarded?.headers['content-type']).toBe('application/fhir+json');
      expect((await recordsAfter(receiver.records, 1))[0]).toMatchObject({ status: 200, forwarded: 200 });
    } finally {
      await app.close();
    }
  });

  it('answers 500 when the app fails, so that the sender retries', async () => {
    const app = await startCapture(503);
    try {
      const receiver = await listen('--forward', app.url, '--secret-file', secretFile);
      const { code, stdout } = await send(['user-delete-completed', '--url', receiver.url]);
      expect(code).toBe(1);
      expect(stdout).toContain('← 500 Internal Server Error processing_failed');
      const [record] = await recordsAfter(receiver.records, 1);
      expect(record).toMatchObject({ status: 500, code: 'processing_failed' });
      expect(record?.message).toContain(`forwarding to ${app.url} got HTTP 503`);
    } finally {
      await app.close();
    }
  });
});

describe('bwell-webhooks listen without a secret', { timeout: 30_000 }, () => {
  it('writes a fresh secret to a private file, never to the output, and send can use it', async () => {
    const receiver = await listen();
    const file = receiver.first.secretFile as string;
    try {
      const secret = (await readFile(file, 'utf8')).trim();
      expect(secret).toMatch(/^whsec_/);
      expect(((await import('node:fs')).statSync(file).mode & 0o777).toString(8)).toBe('600');
      expect((await send(['user-delete-completed', '--url', receiver.url, '--secret-file', file], {})).code).toBe(0);
      expect(receiver.output()).not.toContain(secret.slice(6));
    } finally {
      await rm(dirname(file), { recursive: true, force: true });
    }
  });

  it('prints its address and a ready-to-run send command for people', async () => {
    const listener = await start(['listen', '--port', '0', '--secret-file', secretFile], /Try: .*\n/);
    children.push(listener.child);
    expect(listener.output()).toMatch(/^Listening on http:\/\/127\.0\.0\.1:\d+\/webhook\n/);
    expect(listener.output()).toContain('Try: bwell-webhooks send user-delete-completed --url http://127.0.0.1:');
    await stop(listener.child);
    expect(listener.child.exitCode ?? listener.child.signalCode).toBe(0);
  });
});

/** POSTs a signed body with node:http, whose header check lets C1 controls through (it refuses C0 but tab). */
async function post(url: string, id: string): Promise<number> {
  const body = JSON.stringify({ resourceType: 'Bundle' });
  const headers = { ...(await signPayload({ payload: body, secret: SECRET })), 'webhook-id': id };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Polls `output` until it matches. */
async function until(output: () => string, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 100 && !pattern.test(output()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return output();
}

// U+009B is CSI, the one-byte form of ESC [: a terminal that honours C1 controls would act on what follows.
const C1_ID = 'msg_\x9b2J\x9b31m';
// node:http sends the value as UTF-8 and the listener reads it as latin1: U+009B arrives as 'Â' and U+009B.
const RECEIVED_ID = Buffer.from(C1_ID).toString('latin1');
const hasC1 = (text: string) => [...text].some((char) => char >= '\x80' && char <= '\x9f');

describe('what listen prints of an unverified delivery', { timeout: 30_000 }, () => {
  it('escapes C1 control characters in the webhook-id for people', async () => {
    const listener = await start(['listen', '--port', '0', '--secret-file', secretFile], /Try: .*\n/);
    children.push(listener.child);
    const url = (listener.output().match(/Listening on (\S+)/) as RegExpMatchArray)[1] as string;
    expect(await post(url, C1_ID)).toBeGreaterThanOrEqual(200);
    const output = await until(listener.output, /msg_/);
    expect(hasC1(output)).toBe(false);
    expect(output).toContain('msg_Â\\x9b2JÂ\\x9b31m');
  });

  it('escapes them in --json too, where JSON.stringify leaves them raw', async () => {
    const receiver = await listen('--secret-file', secretFile);
    await post(receiver.url, C1_ID);
    const [record] = await recordsAfter(receiver.records, 1);
    expect(record?.id).toBe(RECEIVED_ID);
    expect(hasC1(receiver.output())).toBe(false);
    expect(receiver.output()).toContain('msg_Â\\u009b2J');
  });
});

describe('what send prints of an answer', { timeout: 30_000 }, () => {
  it('escapes control characters in the status text and body, whoever answered', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(502, 'Bad\x9b2J', { 'content-type': 'text/plain' }).end('oops \x1b[2J\x07\nsecond line');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const { code, stdout } = await send(['user-delete-completed', '--url', url]);
      expect(code).toBe(1);
      expect(stdout).toContain('← 502 Bad');
      expect(stdout).toContain('oops \\x1b[2J\\x07\nsecond line');
      expect([...stdout].some((char) => char === '\x1b' || char === '\x07' || (char >= '\x80' && char <= '\x9f'))).toBe(
        false,
      );
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});

describe('listen --json and bodies', { timeout: 30_000 }, () => {
  it('leaves the body (PHI) out of each record without --show-body', async () => {
    const receiver = await listen('--secret-file', secretFile);
    expect((await send(['user-delete-completed', '--url', receiver.url])).code).toBe(0);
    const [record] = await recordsAfter(receiver.records, 1);
    expect(record).toMatchObject({ status: 200, outcome: 'handled' });
    expect(record).not.toHaveProperty('resource');
    expect(receiver.output()).not.toContain('"resourceType"');
  });

  it('includes it with --show-body', async () => {
    const receiver = await listen('--secret-file', secretFile, '--show-body');
    expect((await send(['user-delete-completed', '--url', receiver.url])).code).toBe(0);
    const [record] = await recordsAfter(receiver.records, 1);
    expect(record?.resource).toMatchObject({ resourceType: 'Bundle', type: 'message' });
  });
});

describe('listen --secret', { timeout: 30_000 }, () => {
  it('warns that the secret sits in ps and points to the better ways', async () => {
    const listener = await start(['listen', '--port', '0', '--secret', SECRET], /Try: .*\n/);
    children.push(listener.child);
    const output = await until(listener.output, /warning/);
    expect(output).toContain(
      'bwell-webhooks: warning: --secret is visible to other users in ps while listen runs, and stays in your shell history; prefer --secret-file FILE or BWELL_WEBHOOK_SECRET',
    );
    expect(output).not.toContain(SECRET.slice(6));
    expect(output).toContain('Try: bwell-webhooks send user-delete-completed --url http://127.0.0.1:');
    expect(output).toContain(' --secret-file <a file holding the same secret>');
  });

  it('does not warn with BWELL_WEBHOOK_SECRET or --secret-file', async () => {
    for (const [args, env] of [
      [[], { BWELL_WEBHOOK_SECRET: SECRET }],
      [['--secret-file', secretFile], {}],
    ] as const) {
      const listener = await start(['listen', '--port', '0', ...args], /Try: .*\n/, env);
      children.push(listener.child);
      await stop(listener.child);
      expect(listener.output()).not.toContain('warning');
    }
  });
});

describe('secrets', () => {
  it('never appear in anything listen or send printed', () => {
    const all = outputs.map((output) => output()).join('\n');
    expect(all).toContain('webhook-id');
    for (const secret of [SECRET, OTHER]) expect(all).not.toContain(secret.slice(6));
  });
});
