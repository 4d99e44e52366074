// Ed25519 public keys that would let one signature verify anything: refused at set-up, on both backends.
import { describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../src/index.js';
import { base64Encode } from '../../src/lib/bytes.js';
import { weakEd25519Key } from '../../src/verify/ed25519-public-key.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import { HEADERS, NOW, PAYLOAD, PUBLIC_KEY } from './helpers.js';

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) as string[], (byte) => Number.parseInt(byte, 16));
const withSign = (hex: string) => {
  const bytes = fromHex(hex);
  bytes[31] = (bytes[31] as number) | 0x80;
  return bytes;
};
const whpk = (bytes: Uint8Array) => `whpk_${base64Encode(bytes)}`;

// The 8 points of small order, canonically encoded, as the literature lists them (little-endian y, x's sign in
// the top bit), and the two x = 0 points written with x's sign set.
const ZERO = '00'.repeat(32);
const ONE = `01${'00'.repeat(31)}`;
const MINUS_ONE = `ec${'ff'.repeat(30)}7f`;
const ORDER_8_A = '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05';
const ORDER_8_B = 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a';
const SMALL_ORDER: [string, Uint8Array][] = [
  ['the identity (0, 1)', fromHex(ONE)],
  ['(0, -1), of order 2', fromHex(MINUS_ONE)],
  ['(sqrt(-1), 0), of order 4', fromHex(ZERO)],
  ['(-sqrt(-1), 0), of order 4', withSign(ZERO)],
  ['the first point of order 8', fromHex(ORDER_8_A)],
  ['its negation', withSign(ORDER_8_A)],
  ['the second point of order 8', fromHex(ORDER_8_B)],
  ['its negation', withSign(ORDER_8_B)],
  ['the identity with the sign of x set', withSign(ONE)],
  ['(0, -1) with the sign of x set', withSign(MINUS_ONE)],
];

// y = p + k for k = 0..18 (p = 2^255 - 19), with either sign of x: every encoding of a y >= p.
const NON_CANONICAL: [string, Uint8Array][] = Array.from({ length: 19 }, (_, k) => {
  const hex = `${(0xed + k).toString(16)}${'ff'.repeat(30)}7f`;
  return [
    [`y = p + ${k}`, fromHex(hex)],
    [`y = p + ${k}, x negative`, withSign(hex)],
  ] as [string, Uint8Array][];
}).flat();

// The handlers are beside the point here: only the key is under test.
const EVERY_EVENT = ['user-delete-completed', 'data-export-completed'] as const;

describe('weak Ed25519 public keys', () => {
  it.each(SMALL_ORDER)('refuses %s as a whpk_ key with a TypeError', (_, key) => {
    expect(weakEd25519Key(key)).toBe('of small order');
    expect(() => createWebhookHandler({ secret: whpk(key), on: {}, ignore: EVERY_EVENT })).toThrow(TypeError);
    expect(() => createWebhookHandler({ secret: whpk(key), on: {}, ignore: EVERY_EVENT })).toThrow(/of small order/);
  });

  it.each(NON_CANONICAL)('refuses the non-canonical encoding %s', (_, key) => {
    expect(weakEd25519Key(key)).toBe('non-canonical');
    expect(() => createWebhookHandler({ secret: [PUBLIC_KEY, whpk(key)], on: {}, ignore: EVERY_EVENT })).toThrow(
      /non-canonical/,
    );
  });

  it('refuses before looking at the delivery, and never quotes the key', async () => {
    const key = whpk(fromHex(ONE));
    const error = await verifySignature({ payload: PAYLOAD, headers: {}, secret: key, now: NOW }).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error.message)).not.toContain(key.slice(5));
  });

  it('accepts real keys, and y just below p', () => {
    expect(() => createWebhookHandler({ secret: PUBLIC_KEY, on: {}, ignore: EVERY_EVENT })).not.toThrow();
    expect(weakEd25519Key(fromHex(`ec${'ff'.repeat(30)}7f`.replace(/^ec/, 'eb')))).toBeUndefined();
    expect(weakEd25519Key(fromHex(`ed${'ff'.repeat(29)}fe7f`))).toBeUndefined();
    expect(weakEd25519Key(fromHex(`ed${'ff'.repeat(30)}3f`))).toBeUndefined();
    expect(weakEd25519Key(fromHex(`02${'00'.repeat(31)}`))).toBeUndefined();
  });

  it('still verifies v1a deliveries with a real key', async () => {
    const { V1A } = await import('./helpers.js');
    const delivery = await verifySignature({
      payload: PAYLOAD,
      headers: { ...HEADERS, 'webhook-signature': V1A },
      secret: PUBLIC_KEY,
      now: NOW,
    });
    expect(delivery.version).toBe('v1a');
  });
});
