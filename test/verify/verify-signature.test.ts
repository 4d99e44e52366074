import { describe, expect, it } from 'vitest';
import { generateSecret } from '../../src/sign/generate-secret.js';
import { signPayload } from '../../src/sign/sign-payload.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import {
  HEADERS,
  ID,
  NOW,
  OTHER_SECRET,
  PAYLOAD,
  PUBLIC_KEY,
  rejection,
  SECRET,
  SIGNING_KEY,
  TIMESTAMP,
  V1,
  V1A,
} from './helpers.js';

const base = { payload: PAYLOAD, headers: HEADERS, secret: SECRET, now: NOW };

describe('verifySignature', () => {
  it('resolves with the id, timestamp, version and key index of a valid delivery', async () => {
    await expect(verifySignature(base)).resolves.toEqual({ id: ID, timestamp: TIMESTAMP, version: 'v1', keyIndex: 0 });
  });

  describe('payloads', () => {
    const bytes = new TextEncoder().encode(PAYLOAD);

    it('accepts the body as a Uint8Array, an ArrayBuffer and a view into a larger buffer', async () => {
      const larger = new Uint8Array(bytes.length + 8);
      larger.set(bytes, 4);
      for (const payload of [bytes, bytes.buffer, larger.subarray(4, 4 + bytes.length)]) {
        await expect(verifySignature({ ...base, payload })).resolves.toMatchObject({ id: ID });
      }
    });

    it('refuses an already-parsed body with payload_not_raw and a hint to read the raw body', async () => {
      const error = await rejection(verifySignature({ ...base, payload: JSON.parse(PAYLOAD) as never }));
      expect(error.code).toBe('payload_not_raw');
      expect(error.message).toMatch(/raw body/);
      expect(error.message).not.toMatch(/stringify/i);
    });

    it('refuses a body re-serialised by JSON.stringify with no_matching_signature', async () => {
      const payload = JSON.stringify(JSON.parse(PAYLOAD));
      expect((await rejection(verifySignature({ ...base, payload }))).code).toBe('no_matching_signature');
    });

    it('accepts a body of exactly maxBytes and refuses one byte more with payload_too_large', async () => {
      await expect(verifySignature({ ...base, maxBytes: bytes.length })).resolves.toMatchObject({ id: ID });
      const error = await rejection(verifySignature({ ...base, maxBytes: bytes.length - 1 }));
      expect(error.code).toBe('payload_too_large');
    });

    it('refuses a body over 1 MiB by default before looking at any header', async () => {
      const error = await rejection(verifySignature({ ...base, payload: 'a'.repeat(1_048_577), headers: {} }));
      expect(error.code).toBe('payload_too_large');
    });
  });

  describe('headers', () => {
    it('reads a Fetch Headers object', async () => {
      await expect(verifySignature({ ...base, headers: new Headers(HEADERS) })).resolves.toMatchObject({ id: ID });
    });

    it('reads Node IncomingHttpHeaders with string[] values and undefined entries', async () => {
      const headers = { ...HEADERS, 'webhook-signature': [V1], 'content-type': undefined, 'set-cookie': ['a', 'b'] };
      await expect(verifySignature({ ...base, headers })).resolves.toMatchObject({ id: ID });
    });

    it('matches header names in any case', async () => {
      const headers = { 'Webhook-Id': ID, 'WEBHOOK-TIMESTAMP': String(TIMESTAMP), 'webhook-Signature': V1 };
      await expect(verifySignature({ ...base, headers })).resolves.toMatchObject({ id: ID });
    });

    it('accepts the svix-* names as aliases, in a record and in Headers', async () => {
      const headers = { 'svix-id': ID, 'Svix-Timestamp': String(TIMESTAMP), 'svix-signature': V1 };
      await expect(verifySignature({ ...base, headers })).resolves.toMatchObject({ id: ID });
      await expect(verifySignature({ ...base, headers: new Headers(headers) })).resolves.toMatchObject({ id: ID });
    });

    it('accepts the same value under both a webhook-* and a svix-* name', async () => {
      const headers = { ...HEADERS, 'svix-id': ID };
      await expect(verifySignature({ ...base, headers })).resolves.toMatchObject({ id: ID });
    });

    it.each([
      ['webhook-id', { ...HEADERS, 'svix-id': 'msg_other' }],
      ['webhook-id', { ...HEADERS, 'Webhook-Id': 'msg_other' }],
      ['webhook-id', { ...HEADERS, 'webhook-id': [ID, 'msg_other'] }],
      ['webhook-id', { ...HEADERS, 'webhook-id': `${ID}, msg_other` }],
      ['webhook-timestamp', { ...HEADERS, 'webhook-timestamp': `${HEADERS['webhook-timestamp']}, 1700000000` }],
      [
        'webhook-signature',
        { ...HEADERS, 'webhook-signature': `${V1}, v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=` },
      ],
      ['webhook-signature', { ...HEADERS, 'svix-signature': 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=' }],
    ])('refuses ambiguous duplicates of %s with invalid_header', async (name, headers) => {
      const error = await rejection(verifySignature({ ...base, headers }));
      expect(error.code).toBe('invalid_header');
      expect(error.message).toBe(`Expected one ${name}, found several.`);
    });

    it('accepts a webhook-id of 255 visible characters and refuses one of 256', async () => {
      // The first and last visible ASCII characters, at the longest length allowed.
      const id = `!${'x'.repeat(253)}~`;
      const headers = await signPayload({ payload: PAYLOAD, secret: SECRET, id, timestamp: TIMESTAMP });
      await expect(verifySignature({ ...base, headers })).resolves.toMatchObject({ id });
      const longer = { ...HEADERS, 'webhook-id': 'x'.repeat(256) };
      expect((await rejection(verifySignature({ ...base, headers: longer }))).code).toBe('invalid_header');
    });

    it('refuses a signature header repeated by Fetch Headers (joined with ", ")', async () => {
      const headers = new Headers(HEADERS);
      headers.append('webhook-signature', V1);
      expect((await rejection(verifySignature({ ...base, headers }))).code).toBe('invalid_header');
    });

    it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
      'refuses a delivery without %s with missing_header',
      async (name) => {
        const headers: Record<string, string> = { ...HEADERS };
        delete headers[name];
        const error = await rejection(verifySignature({ ...base, headers }));
        expect(error.code).toBe('missing_header');
        expect(error.message).toContain(name);
      },
    );

    it.each(['', 'msg with space', 'x'.repeat(256), 'msg_\u00e9'])(
      'refuses the id %j with invalid_header',
      async (id) => {
        const error = await rejection(verifySignature({ ...base, headers: { ...HEADERS, 'webhook-id': id } }));
        expect(error.code).toBe('invalid_header');
      },
    );

    it.each(['', ' 1614265330', '1614265330abc', '1614265330.0', '-1', '1e9', '0x60378ff2'])(
      'refuses the timestamp %j with invalid_header',
      async (timestamp) => {
        const error = await rejection(
          verifySignature({ ...base, headers: { ...HEADERS, 'webhook-timestamp': timestamp } }),
        );
        expect(error.code).toBe('invalid_header');
      },
    );
  });

  describe('signature entries', () => {
    it.each([
      ['an unknown version', 'v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
      ['an entry without a version', 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
      ['a version in upper case', 'V1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
      ['base64url instead of base64', 'v1,g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE='],
      ['an empty header', ''],
      ['a v1a entry with only an HMAC secret', V1A],
    ])('skips %s, leaving no_matching_signature', async (_, signature) => {
      const headers = { ...HEADERS, 'webhook-signature': signature };
      expect((await rejection(verifySignature({ ...base, headers }))).code).toBe('no_matching_signature');
    });

    it('finds the matching entry among malformed and unknown ones', async () => {
      const headers = { ...HEADERS, 'webhook-signature': `v2,abc v1,!!! garbage  ${V1} v1a,xyz v1,` };
      await expect(verifySignature({ ...base, headers })).resolves.toMatchObject({ version: 'v1' });
    });

    it('tries the next entry after a well-formed v1a signature that does not verify', async () => {
      // 64 zero bytes: canonical base64, the right length, the wrong signature.
      const wrong = `v1a,${'A'.repeat(86)}==`;
      const headers = { ...HEADERS, 'webhook-signature': `${wrong} ${V1A}` };
      await expect(verifySignature({ ...base, headers, secret: PUBLIC_KEY })).resolves.toMatchObject({
        version: 'v1a',
      });
      const alone = { ...HEADERS, 'webhook-signature': wrong };
      expect((await rejection(verifySignature({ ...base, headers: alone, secret: PUBLIC_KEY }))).code).toBe(
        'no_matching_signature',
      );
    });

    it('compares one HMAC per secret with every v1 entry, whichever entry matches', async () => {
      const wrong = 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
      const headers = { ...HEADERS, 'webhook-signature': `${wrong} ${wrong} ${V1}` };
      await expect(verifySignature({ ...base, headers, secret: [OTHER_SECRET, SECRET] })).resolves.toMatchObject({
        version: 'v1',
        keyIndex: 1,
      });
    });

    it('verifies concurrent deliveries while a new secret is still being imported', async () => {
      const secret = generateSecret();
      const deliveries = await Promise.all(
        ['msg_a', 'msg_b', 'msg_c'].map(async (id) =>
          verifySignature({ payload: PAYLOAD, headers: await signPayload({ payload: PAYLOAD, secret, id }), secret }),
        ),
      );
      expect(deliveries.map(({ id }) => id)).toEqual(['msg_a', 'msg_b', 'msg_c']);
    });

    it('verifies a v1a signature with a whpk_ public key', async () => {
      const headers = { ...HEADERS, 'webhook-signature': V1A };
      await expect(verifySignature({ ...base, headers, secret: PUBLIC_KEY })).resolves.toMatchObject({
        version: 'v1a',
      });
    });
  });

  describe('key rotation', () => {
    it('accepts a delivery signed with any secret of the list and reports which one', async () => {
      await expect(verifySignature({ ...base, secret: [OTHER_SECRET, SECRET] })).resolves.toMatchObject({
        keyIndex: 1,
      });
      await expect(verifySignature({ ...base, secret: [SECRET, OTHER_SECRET] })).resolves.toMatchObject({
        keyIndex: 0,
      });
    });

    it('accepts raw secret bytes, as Uint8Array and ArrayBuffer', async () => {
      const bytes = Uint8Array.from(atob(SECRET.slice(6)), (c) => c.charCodeAt(0));
      await expect(verifySignature({ ...base, secret: bytes })).resolves.toMatchObject({ id: ID });
      await expect(verifySignature({ ...base, secret: [OTHER_SECRET, bytes.buffer] })).resolves.toMatchObject({
        keyIndex: 1,
      });
    });

    it('reads the bytes any view covers, whatever its element type (for callers without types)', async () => {
      const bytes = Uint8Array.from(atob(SECRET.slice(6)), (c) => c.charCodeAt(0));
      const padded = new Uint8Array(bytes.length + 6);
      padded.set(bytes, 2);
      const views = [
        new DataView(padded.buffer, 2, bytes.length),
        new Uint16Array(padded.buffer, 2, bytes.length / 2),
        padded.subarray(2, 2 + bytes.length),
      ];
      for (const view of views) {
        await expect(verifySignature({ ...base, secret: view as never })).resolves.toMatchObject({ id: ID });
      }
      const shifted = new DataView(padded.buffer, 0, bytes.length);
      expect((await rejection(verifySignature({ ...base, secret: shifted as never }))).code).toBe(
        'no_matching_signature',
      );
    });

    it('refuses a delivery signed with a retired secret', async () => {
      expect((await rejection(verifySignature({ ...base, secret: OTHER_SECRET }))).code).toBe('no_matching_signature');
    });

    it('mixes HMAC secrets and public keys in one list', async () => {
      const headers = { ...HEADERS, 'webhook-signature': V1A };
      await expect(verifySignature({ ...base, headers, secret: [SECRET, PUBLIC_KEY] })).resolves.toMatchObject({
        keyIndex: 1,
      });
    });
  });

  describe('clock', () => {
    it.each([
      [-300, 'timestamp_too_new', 'accepted'],
      [-301, 'timestamp_too_new', 'refused'],
      [300, 'timestamp_too_old', 'accepted'],
      [301, 'timestamp_too_old', 'refused'],
    ])('with the clock %i s off, the default tolerance gives %s when %s', async (offset, code, outcome) => {
      const result = verifySignature({ ...base, now: NOW + offset * 1000 });
      if (outcome === 'accepted') await expect(result).resolves.toMatchObject({ id: ID });
      else expect((await rejection(result)).code).toBe(code);
    });

    it('takes now as a Date', async () => {
      await expect(verifySignature({ ...base, now: new Date(NOW + 299_999) })).resolves.toMatchObject({ id: ID });
      expect((await rejection(verifySignature({ ...base, now: new Date(NOW + 301_000) }))).code).toBe(
        'timestamp_too_old',
      );
    });

    it('bounds the past and the future separately', async () => {
      const toleranceSeconds = { past: 600, future: 5 };
      await expect(verifySignature({ ...base, toleranceSeconds, now: NOW + 600_000 })).resolves.toMatchObject({
        id: ID,
      });
      const error = await rejection(verifySignature({ ...base, toleranceSeconds, now: NOW - 6_000 }));
      expect(error.code).toBe('timestamp_too_new');
    });

    it('checks the timestamp before the signature, so a stale forgery reads as stale', async () => {
      const headers = { ...HEADERS, 'webhook-signature': 'v1,forged' };
      expect((await rejection(verifySignature({ ...base, headers, now: NOW + 3_600_000 }))).code).toBe(
        'timestamp_too_old',
      );
    });
  });

  describe('caller mistakes', () => {
    it.each([
      ['no secret', undefined, /expected a secret/],
      ['null', null, /expected a secret/],
      ['an empty list', [], /no secret/],
      ['an empty whsec_', 'whsec_', /empty/],
      ['empty bytes', new Uint8Array(0), /empty/],
      ['a secret with a line break', `${SECRET}\n`, /whitespace/],
      ['a secret with a space', 'whsec_MfKQ9r8GKYq rTwjUPD8ILPZIo2LaLaSw', /whitespace/],
      ['a secret that is not base64', 'whsec_not-base64!', /not base64/],
      [
        'a whsk_ signing key',
        'whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==',
        /whpk_/,
      ],
      ['a short whpk_ key', 'whpk_AAAA', /32 bytes/],
      ['a whsk_ that is not the prefix', `x${SIGNING_KEY}`, /not base64/],
      ['a number', 42, /found number/],
    ])('throws a TypeError for %s', async (_, secret, message) => {
      const error = await verifySignature({ ...base, secret: secret as never }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(message);
    });

    it('never puts the secret in a TypeError message', async () => {
      for (const secret of ['whsec_c2VjcmV0IHNlY3JldA== ', 'whsec_c2VjcmV0IHNlY3JldA=!']) {
        const error = (await verifySignature({ ...base, secret }).catch((caught: unknown) => caught)) as Error;
        expect(error.message).not.toContain('c2VjcmV0IHNlY3JldA');
      }
    });

    it.each([
      ['a negative tolerance', { toleranceSeconds: -1 }],
      ['an infinite tolerance', { toleranceSeconds: Number.POSITIVE_INFINITY }],
      ['a tolerance without future', { toleranceSeconds: { past: 1 } as never }],
      [
        'tolerances that add up to Infinity',
        { toleranceSeconds: { past: Number.MAX_VALUE, future: Number.MAX_VALUE } },
      ],
      ['an invalid Date', { now: new Date(Number.NaN) }],
      ['a string maxBytes', { maxBytes: '1' as never }],
      ['no headers', { headers: undefined as never }],
    ])('throws a TypeError for %s', async (_, options) => {
      await expect(verifySignature({ ...base, ...options })).rejects.toThrow(TypeError);
    });
  });

  it('never puts a secret or a signature in a WebhookError message', async () => {
    const forged = 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const cases = [
      { headers: { ...HEADERS, 'webhook-signature': forged } },
      { headers: { ...HEADERS, 'webhook-signature': `${V1}, ${forged}` } },
      { now: NOW + 10_000_000 },
      { now: NOW - 10_000_000 },
      { payload: {} as never },
    ];
    for (const options of cases) {
      const { message } = await rejection(verifySignature({ ...base, ...options }));
      for (const secret of [SECRET, SECRET.slice(6), V1.slice(3), forged.slice(3)])
        expect(message).not.toContain(secret);
    }
  });
});

describe('invalid_header messages', () => {
  it.each([
    ['a C1 control (NEL)', 'msg\u0085forged'],
    ['a C0 control (ESC)', 'msg\u001b[2Jforged'],
    ['DEL', 'msg\u007fforged'],
    ['a bidi override', 'msg\u202eforged'],
  ])('escape %s of the unverified id', async (_, id) => {
    const error = await rejection(
      verifySignature({
        payload: '{}',
        headers: { 'webhook-id': id, 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,x' },
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        now: 1_700_000_000_000,
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_header' });
    expect(error.message).toMatch(/\\u00(85|1b|7f)|\\u202e/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none is left
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });
});
