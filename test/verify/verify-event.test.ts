import { describe, expect, it } from 'vitest';
import { base64Decode } from '../../src/lib/bytes.js';
import { generateSecret } from '../../src/sign/generate-secret.js';
import { signPayload } from '../../src/sign/sign-payload.js';
import bundle from '../../src/testing/fixtures/bwell-openapi-data-export-completed.bundle.json' with { type: 'json' };
import { verifyEvent } from '../../src/verify/verify-event.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import { NOW, OTHER_SECRET, rejection, SECRET, TIMESTAMP } from './helpers.js';

const body = JSON.stringify(bundle);
const unknown = JSON.stringify({
  ...bundle,
  entry: [{ resource: { ...bundle.entry[0]?.resource, eventCoding: { system: 'urn:other', code: 'x' } } }],
});
const sign = (payload: string | Uint8Array) =>
  signPayload({ payload, secret: SECRET, id: 'msg_1', timestamp: TIMESTAMP });

describe('verifyEvent', () => {
  it('returns the typed event of a correctly signed delivery, from a string or bytes', async () => {
    const headers = await sign(body);
    for (const payload of [body, new TextEncoder().encode(body)]) {
      const event = await verifyEvent({ payload, headers, secret: SECRET, now: NOW });
      expect(event.type).toBe('data-export-completed');
      if (event.type === 'data-export-completed') expect(event.downloadUrl).toMatch(/^https:/);
    }
  });

  it('parses nothing when the signature does not match', async () => {
    const headers = await sign('not json at all');
    const error = await rejection(verifyEvent({ payload: 'not json at all', headers, secret: OTHER_SECRET, now: NOW }));
    expect(error.code).toBe('no_matching_signature');
  });

  it('reports a signed body that is not an event with the parser’s code', async () => {
    const headers = await sign('not json at all');
    expect((await rejection(verifyEvent({ payload: 'not json at all', headers, secret: SECRET, now: NOW }))).code).toBe(
      'invalid_json',
    );
  });

  it('passes strict to the parser', async () => {
    const headers = await sign(unknown);
    const options = { payload: unknown, headers, secret: SECRET, now: NOW };
    await expect(verifyEvent(options)).resolves.toMatchObject({ type: 'unknown' });
    expect((await rejection(verifyEvent({ ...options, strict: true }))).code).toBe('unknown_event');
  });

  it('rejects, never throws, whatever goes wrong: caller mistakes, headers, signature or body', async () => {
    const headers = await sign('not json at all');
    const failures = [
      { payload: body, headers, secret: undefined as never, now: NOW },
      { payload: body, headers: {}, secret: SECRET, now: NOW },
      { payload: body, headers, secret: SECRET, now: NOW },
      { payload: 'not json at all', headers, secret: SECRET, now: NOW },
    ];
    for (const options of failures) {
      for (const verify of [verifyEvent, verifySignature]) {
        let settled: Promise<unknown> | undefined;
        expect(() => {
          settled = verify(options);
        }).not.toThrow();
        // The last body is signed correctly: only the parser refuses it.
        if (verify === verifySignature && options.payload === 'not json at all') await settled;
        else await expect(settled).rejects.toBeInstanceOf(Error);
      }
    }
  });

  it('applies maxBytes once, before verifying', async () => {
    const headers = await sign(body);
    const error = await rejection(verifyEvent({ payload: body, headers, secret: SECRET, now: NOW, maxBytes: 10 }));
    expect(error.code).toBe('payload_too_large');
  });
});

describe('verifyEvent on a buffer that changes', () => {
  // A fresh secret per run: its key is still being imported when verifyEvent returns, so the verification is
  // pending on both backends (WebCrypto always, node:crypto until the import settles).
  it.each(['Uint8Array', 'ArrayBuffer', 'Uint8Array view'])(
    'parses the bytes it verified, not what the %s holds later',
    async (kind) => {
      const secret = generateSecret();
      const signedBody = JSON.stringify(bundle);
      // Signed with the secret's bytes: the text form verifying below is parsed and imported anew.
      const key = base64Decode(secret.slice(6)) as Uint8Array;
      const headers = await signPayload({ payload: signedBody, secret: key, id: 'msg_1', timestamp: TIMESTAMP });
      const bytes = new TextEncoder().encode(signedBody);
      // A view into a larger buffer, at an offset: only its own bytes are signed.
      const framed = new Uint8Array(bytes.length + 8);
      framed.set(bytes, 4);
      const view = framed.subarray(4, 4 + bytes.length);
      const payload = kind === 'Uint8Array' ? bytes : kind === 'ArrayBuffer' ? bytes.buffer : view;
      const pending = verifyEvent({ payload, headers, secret, now: NOW });
      // Another person, the same length, still a valid event: what the signature never covered.
      (kind === 'Uint8Array view' ? view : bytes).set(new TextEncoder().encode(signedBody.replaceAll('789', '666')));
      const event = await pending;
      expect(event).toMatchObject({ type: 'data-export-completed', person: { id: '789' } });
    },
  );
});

describe('verifyEvent on what is not a raw body', () => {
  it.each([
    ['an object', { resourceType: 'Bundle' }],
    ['null', null],
    ['a number', 42],
  ])('refuses %s with payload_not_raw, copying nothing', async (_, payload) => {
    const headers = await sign('{}');
    const error = await rejection(verifyEvent({ payload: payload as never, headers, secret: SECRET, now: NOW }));
    expect(error.code).toBe('payload_not_raw');
  });
});
