import { describe, expect, it } from 'vitest';
import { githubSignatureScheme } from '../../src/verify/github-signature-scheme.js';
import type { SignatureScheme } from '../../src/verify/scheme.js';
import { standardWebhooks } from '../../src/verify/scheme.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import { HEADERS, NOW, PAYLOAD, rejection, SECRET } from './helpers.js';

// GitHub's documented test values: docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries
const GITHUB_SECRET = "It's a Secret to Everybody";
const GITHUB_PAYLOAD = 'Hello, World!';
const GITHUB_SHA256 = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
// The same HMAC with SHA-512, computed with node:crypto createHmac('sha512', secret).
const SHA512_BASE64 = 'Ee01WmF+mBNOhCASp5RMz1nBAlbLGCNXvX46QgE/8Hw3b4wUz1zBkj2iC1HWQlay+4678QCqZ6YTJvYf6oERvA==';
const DELIVERY = '72d3162e-cc78-11e3-81ab-4c9367dc0958';

describe('githubSignatureScheme', () => {
  // Each test builds its scheme itself: a scheme built at collection time runs outside every test, so a mutation
  // test would not count these tests as covering the defaults.
  const headers = { 'X-GitHub-Delivery': DELIVERY, 'X-Hub-Signature-256': `sha256=${GITHUB_SHA256}` };

  it("verifies GitHub's documented test vector with no options, reading the secret as text", async () => {
    const delivery = await verifySignature({
      payload: GITHUB_PAYLOAD,
      headers,
      secret: GITHUB_SECRET,
      scheme: githubSignatureScheme(),
      now: NOW,
    });
    expect(delivery).toEqual({ id: DELIVERY, timestamp: NOW / 1000, version: 'sha256', keyIndex: 0 });
  });

  it("defaults to GitHub's header names, a sha256= prefix, HMAC-SHA-256 and hex", () => {
    expect(githubSignatureScheme()).toEqual({
      idHeaders: ['x-github-delivery'],
      timestampHeaders: [],
      signatureHeaders: ['x-hub-signature-256'],
      separator: '',
      signedContent: '{body}',
      encoding: 'hex',
      secretEncoding: 'utf8',
      formats: [{ version: 'sha256', prefix: 'sha256=', algorithm: 'HMAC-SHA-256' }],
    });
  });

  it.each([
    ['a changed body', { payload: 'Hello, World?' }],
    ['another secret', { secret: "It's a Secret to Nobody" }],
    ['a missing prefix', { headers: { ...headers, 'X-Hub-Signature-256': GITHUB_SHA256 } }],
    [
      'a sha1 header in the place of sha256',
      { headers: { ...headers, 'X-Hub-Signature-256': `sha1=${GITHUB_SHA256}` } },
    ],
    [
      'a truncated signature',
      { headers: { ...headers, 'X-Hub-Signature-256': `sha256=${GITHUB_SHA256.slice(0, 62)}` } },
    ],
  ])('refuses %s with no_matching_signature', async (_, change) => {
    const options = {
      payload: GITHUB_PAYLOAD,
      headers,
      secret: GITHUB_SECRET,
      scheme: githubSignatureScheme(),
      ...change,
    };
    expect((await rejection(verifySignature(options))).code).toBe('no_matching_signature');
  });

  it('requires the delivery id header', async () => {
    const options = {
      payload: GITHUB_PAYLOAD,
      headers: { 'x-hub-signature-256': `sha256=${GITHUB_SHA256}` },
      secret: GITHUB_SECRET,
      scheme: githubSignatureScheme(),
    };
    const error = await rejection(verifySignature(options));
    expect(error.code).toBe('missing_header');
    expect(error.message).toContain('x-github-delivery');
  });

  it('takes another header, prefix, hash and encoding as options', async () => {
    const scheme = githubSignatureScheme({
      header: 'X-Signature',
      idHeader: 'X-Request-Id',
      prefix: '',
      algorithm: 'SHA-512',
      encoding: 'base64',
    });
    const custom = { 'x-request-id': 'req_1', 'x-signature': SHA512_BASE64 };
    const delivery = await verifySignature({ payload: GITHUB_PAYLOAD, headers: custom, secret: GITHUB_SECRET, scheme });
    expect(delivery).toMatchObject({ id: 'req_1', version: 'sha512' });
  });

  it("copies an ArrayBuffer secret: refilling the caller's buffer after a call changes no later verification", async () => {
    // The first call caches the secret and imports its SHA-256 key; the SHA-512 key is imported later, from the
    // cached bytes, which must still be the secret's and not the refilled buffer's. (An ArrayBuffer, since
    // `new Uint8Array(buffer)` is a view of it, where `new Uint8Array(uint8Array)` would be a copy anyway.)
    const key = new TextEncoder().encode(GITHUB_SECRET).slice().buffer;
    const sha256 = { payload: GITHUB_PAYLOAD, headers, scheme: githubSignatureScheme() };
    await expect(verifySignature({ ...sha256, secret: key })).resolves.toMatchObject({ version: 'sha256' });
    new Uint8Array(key).fill(0x2a);
    const sha512 = {
      payload: GITHUB_PAYLOAD,
      headers: { 'x-request-id': 'req_1', 'x-signature': SHA512_BASE64 },
      scheme: githubSignatureScheme({
        header: 'X-Signature',
        idHeader: 'X-Request-Id',
        prefix: '',
        algorithm: 'SHA-512',
        encoding: 'base64',
      }),
    };
    const secret = new TextEncoder().encode(GITHUB_SECRET);
    await expect(verifySignature({ ...sha512, secret })).resolves.toMatchObject({ version: 'sha512' });
    expect((await rejection(verifySignature({ ...sha256, secret: key }))).code).toBe('no_matching_signature');
    expect((await rejection(verifySignature({ ...sha512, secret: key }))).code).toBe('no_matching_signature');
  });

  it('defaults the SHA-512 variant to its own header and prefix', () => {
    expect(githubSignatureScheme({ algorithm: 'SHA-512' })).toMatchObject({
      signatureHeaders: ['x-hub-signature-512'],
      formats: [{ version: 'sha512', prefix: 'sha512=', algorithm: 'HMAC-SHA-512' }],
    });
  });
});

describe('a third scheme', () => {
  // Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack), written as data:
  // signed content "v0:{timestamp}:{body}", hex HMAC-SHA256 behind "v0=". Slack sends no delivery id, so this
  // test provider adds one.
  const slack: SignatureScheme = {
    idHeaders: ['x-request-id'],
    timestampHeaders: ['x-slack-request-timestamp'],
    signatureHeaders: ['x-slack-signature'],
    separator: '',
    signedContent: 'v0:{timestamp}:{body}',
    encoding: 'hex',
    secretEncoding: 'utf8',
    formats: [{ version: 'v0', prefix: 'v0=', algorithm: 'HMAC-SHA-256' }],
  };
  const body =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
    '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
    '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const headers = {
    'x-request-id': 'req_1',
    'X-Slack-Request-Timestamp': '1531420618',
    'X-Slack-Signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  };

  it("is a plain object: Slack's documented example verifies, with its timestamp checked", async () => {
    const options = { payload: body, headers, secret: '8f742231b10e8888abcd99yyyzzz85a5', scheme: slack };
    await expect(verifySignature({ ...options, now: 1531420618_000 })).resolves.toMatchObject({
      timestamp: 1531420618,
      version: 'v0',
    });
    expect((await rejection(verifySignature({ ...options, now: 1531420618_000 + 301_000 }))).code).toBe(
      'timestamp_too_old',
    );
  });

  it('can rename the Standard Webhooks headers and keep the rest', async () => {
    const acme: SignatureScheme = {
      ...standardWebhooks,
      idHeaders: ['acme-id'],
      timestampHeaders: ['acme-timestamp'],
      signatureHeaders: ['acme-signature'],
    };
    const renamed = {
      'acme-id': HEADERS['webhook-id'],
      'acme-timestamp': HEADERS['webhook-timestamp'],
      'acme-signature': HEADERS['webhook-signature'],
    };
    await expect(
      verifySignature({ payload: PAYLOAD, headers: renamed, secret: SECRET, now: NOW, scheme: acme }),
    ).resolves.toMatchObject({ version: 'v1' });
    expect(
      (await rejection(verifySignature({ payload: PAYLOAD, headers: HEADERS, secret: SECRET, now: NOW, scheme: acme })))
        .code,
    ).toBe('missing_header');
  });

  it('finds headers in any case even when the scheme itself names them with capitals', async () => {
    const capitals: SignatureScheme = {
      ...standardWebhooks,
      idHeaders: ['Acme-Id'],
      timestampHeaders: ['ACME-Timestamp'],
      signatureHeaders: ['acme-Signature'],
    };
    const values = [HEADERS['webhook-id'], HEADERS['webhook-timestamp'], HEADERS['webhook-signature']] as const;
    for (const names of [
      ['acme-id', 'acme-timestamp', 'acme-signature'],
      ['Acme-Id', 'ACME-Timestamp', 'acme-Signature'],
      ['ACME-ID', 'Acme-TIMESTAMP', 'Acme-Signature'],
    ]) {
      const record: Record<string, string> = Object.fromEntries(names.map((name, i) => [name, values[i] as string]));
      for (const headers of [record, new Headers(record)]) {
        await expect(
          verifySignature({ payload: PAYLOAD, headers, secret: SECRET, now: NOW, scheme: capitals }),
          names.join(),
        ).resolves.toMatchObject({ version: 'v1' });
      }
    }
  });

  it('refuses a signed-content template that does not end with the body', async () => {
    const broken: SignatureScheme = { ...slack, signedContent: '{body}:{timestamp}' };
    const error = await verifySignature({
      payload: body,
      headers,
      secret: 'x',
      scheme: broken,
      now: 1531420618_000,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('bwell-webhooks: signedContent must end with {body}');
  });
});
