import { describe, expect, it } from 'vitest';
import { signPayload } from '../../src/sign/sign-payload.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import { ID, OTHER_SECRET, PAYLOAD, PUBLIC_KEY, SECRET, SIGNING_KEY, TIMESTAMP, V1, V1A } from '../verify/helpers.js';

describe('signPayload', () => {
  it('writes the three Standard Webhooks headers for a given id and timestamp', async () => {
    await expect(signPayload({ payload: PAYLOAD, secret: SECRET, id: ID, timestamp: TIMESTAMP })).resolves.toEqual({
      'webhook-id': ID,
      'webhook-timestamp': String(TIMESTAMP),
      'webhook-signature': V1,
    });
  });

  it('signs v1a with a whsk_ signing key', async () => {
    const headers = await signPayload({ payload: PAYLOAD, secret: SIGNING_KEY, id: ID, timestamp: TIMESTAMP });
    expect(headers['webhook-signature']).toBe(V1A);
  });

  it('signs with every secret of a list, space-separated, for a rotation on the sending side', async () => {
    const headers = await signPayload({
      payload: PAYLOAD,
      secret: [OTHER_SECRET, SECRET, SIGNING_KEY],
      id: ID,
      timestamp: TIMESTAMP,
    });
    const [first, second, third] = headers['webhook-signature'].split(' ');
    expect([second, third]).toEqual([V1, V1A]);
    expect(first).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const now = TIMESTAMP * 1000;
    await expect(verifySignature({ payload: PAYLOAD, headers, secret: OTHER_SECRET, now })).resolves.toMatchObject({
      version: 'v1',
    });
    await expect(verifySignature({ payload: PAYLOAD, headers, secret: PUBLIC_KEY, now })).resolves.toMatchObject({
      version: 'v1a',
    });
  });

  it('signs bytes and strings alike', async () => {
    const options = { secret: SECRET, id: ID, timestamp: TIMESTAMP };
    const bytes = new TextEncoder().encode(PAYLOAD);
    await expect(signPayload({ ...options, payload: bytes })).resolves.toMatchObject({ 'webhook-signature': V1 });
    await expect(signPayload({ ...options, payload: bytes.buffer })).resolves.toMatchObject({
      'webhook-signature': V1,
    });
  });

  it('defaults to a random msg_ id and the current time, which verify as is', async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = await signPayload({ payload: PAYLOAD, secret: SECRET });
    const b = await signPayload({ payload: PAYLOAD, secret: SECRET });
    expect(a['webhook-id']).toMatch(/^msg_[A-Za-z0-9_]{24}$/);
    expect(a['webhook-id']).not.toBe(b['webhook-id']);
    expect(Number(a['webhook-timestamp'])).toBeGreaterThanOrEqual(before);
    await expect(verifySignature({ payload: PAYLOAD, headers: a, secret: SECRET })).resolves.toMatchObject({
      keyIndex: 0,
    });
  });

  it('takes the timestamp as a Date', async () => {
    const headers = await signPayload({
      payload: PAYLOAD,
      secret: SECRET,
      id: ID,
      timestamp: new Date(TIMESTAMP * 1000 + 999),
    });
    expect(headers['webhook-timestamp']).toBe(String(TIMESTAMP));
  });

  it.each([
    ['a whpk_ public key', { secret: PUBLIC_KEY }, /cannot sign/],
    ['no secret', { secret: undefined as never }, /expected a secret/],
    ['a parsed payload', { payload: {} as never }, /payload must be/],
    ['an id with a space', { id: 'msg 1' }, /id must be/],
    ['a fractional timestamp', { timestamp: 1.5 }, /timestamp must be/],
    ['a negative timestamp', { timestamp: -1 }, /timestamp must be/],
    ['an invalid Date', { timestamp: new Date(Number.NaN) }, /timestamp must be/],
  ])('throws a TypeError for %s', async (_, change, message) => {
    const error = await signPayload({ payload: PAYLOAD, secret: SECRET, ...change }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
  });
});
