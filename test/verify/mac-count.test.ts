// How much hashing a delivery can cause: a signature header with many entries must not multiply the HMACs
// of the body (up to 1 MiB), whatever the entries hold. Runs on both #crypto backends, each call counted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as seam from '#crypto';
import { base64Decode, base64Encode } from '../../src/lib/bytes.js';
import { type SignatureScheme, standardWebhooks } from '../../src/verify/scheme.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import { HEADERS, NOW, OTHER_SECRET, PAYLOAD, PUBLIC_KEY, type rejection, SECRET, V1, V1A } from './helpers.js';

vi.mock('#crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('#crypto')>();
  return {
    ...original,
    hmac: vi.fn(original.hmac),
    hmacEquals: vi.fn(original.hmacEquals),
    verifyEd25519: vi.fn(original.verifyEd25519),
  };
});

// Wrong signatures of the right shape: each would cost a full HMAC if checked on its own.
const wrong = (count: number) =>
  Array.from({ length: count }, (_, i) => `v1,${btoa(String(i).padStart(32, '0')).slice(0, 43)}=`);

async function macsFor(signature: string, secret: string | string[]) {
  // A first call imports the keys, so that only the delivery's own work is counted.
  await verifySignature({ payload: PAYLOAD, headers: HEADERS, secret, now: NOW }).catch(() => undefined);
  vi.mocked(seam.hmac).mockClear();
  vi.mocked(seam.hmacEquals).mockClear();
  const outcome = await verifySignature({
    payload: PAYLOAD,
    headers: { ...HEADERS, 'webhook-signature': signature },
    secret,
    now: NOW,
  }).catch((error: unknown) => error);
  return {
    outcome,
    hmac: vi.mocked(seam.hmac).mock.calls.length,
    hmacEquals: vi.mocked(seam.hmacEquals).mock.calls.length,
  };
}

afterEach(() => vi.clearAllMocks());

describe('HMACs per delivery', () => {
  it('checks a lone signature once, by the backend’s own comparison', async () => {
    const { outcome, hmac, hmacEquals } = await macsFor(V1, SECRET);
    expect(outcome).toMatchObject({ version: 'v1' });
    expect({ hmac, hmacEquals }).toEqual({ hmac: 0, hmacEquals: 1 });
  });

  it('computes one MAC for many entries and finds the matching one among them', async () => {
    const { outcome, hmac, hmacEquals } = await macsFor([...wrong(6), V1, ...wrong(3)].join(' '), SECRET);
    expect(outcome).toMatchObject({ version: 'v1', keyIndex: 0 });
    expect({ hmac, hmacEquals }).toEqual({ hmac: 1, hmacEquals: 0 });
  });

  it('computes one MAC per secret, not per (secret, entry) pair, when nothing matches', async () => {
    const { outcome, hmac } = await macsFor(wrong(10).join(' '), [OTHER_SECRET, SECRET, OTHER_SECRET]);
    expect((outcome as Awaited<ReturnType<typeof rejection>>).code).toBe('no_matching_signature');
    expect(hmac).toBe(3);
  });

  it('computes a MAC per algorithm when one header mixes HMAC versions', async () => {
    // A custom scheme with two HMAC versions: a SHA-256 MAC must never be compared with a SHA-512 entry.
    const scheme: SignatureScheme = {
      ...standardWebhooks,
      formats: [
        { version: 'v1', prefix: 'v1,', algorithm: 'HMAC-SHA-256' },
        { version: 'v2', prefix: 'v2,', algorithm: 'HMAC-SHA-512' },
      ],
    };
    const content = `${HEADERS['webhook-id']}.${HEADERS['webhook-timestamp']}.${PAYLOAD}`;
    const key = await crypto.subtle.importKey(
      'raw',
      base64Decode(SECRET.slice(6)) as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-512' },
      false,
      ['sign'],
    );
    const v2 = `v2,${base64Encode(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content))))}`;
    vi.mocked(seam.hmac).mockClear();
    const delivery = await verifySignature({
      payload: PAYLOAD,
      headers: { ...HEADERS, 'webhook-signature': `${wrong(1)[0]} ${v2}` },
      secret: SECRET,
      now: NOW,
      scheme,
    });
    expect(delivery).toMatchObject({ version: 'v2', keyIndex: 0 });
    expect(vi.mocked(seam.hmac).mock.calls).toHaveLength(2);
  });

  it('computes a second secret’s MAC only after the first secret matched nothing', async () => {
    const { outcome, hmac } = await macsFor([...wrong(5), V1].join(' '), [OTHER_SECRET, SECRET]);
    expect(outcome).toMatchObject({ keyIndex: 1 });
    expect(hmac).toBe(2);
  });
});

// Wrong Ed25519 signatures of the right shape (64 bytes): each would cost a verify over the whole body.
const wrongV1a = (count: number) =>
  Array.from({ length: count }, (_, i) => `v1a,${base64Encode(new Uint8Array(64).fill(i + 1))}`);

async function secondPublicKey(): Promise<string> {
  const pair = (await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify'])) as CryptoKeyPair;
  return `whpk_${base64Encode(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)))}`;
}

async function workFor(signature: string, secret: string | string[]) {
  // A first call imports the keys, so that only the delivery's own work is counted.
  await verifySignature({ payload: PAYLOAD, headers: HEADERS, secret, now: NOW }).catch(() => undefined);
  vi.clearAllMocks();
  const outcome = await verifySignature({
    payload: PAYLOAD,
    headers: { ...HEADERS, 'webhook-signature': signature },
    secret,
    now: NOW,
  }).catch((error: unknown) => error);
  const calls = (fn: unknown) => vi.mocked(fn as () => unknown).mock.calls.length;
  return { outcome, crypto: calls(seam.hmac) + calls(seam.hmacEquals) + calls(seam.verifyEd25519), calls };
}

describe('work per delivery, bounded before any crypto', () => {
  it('refuses a header of 11 entries as invalid_header without a single MAC or verify', async () => {
    const { outcome, crypto } = await workFor([...wrong(10), V1].join(' '), [SECRET, PUBLIC_KEY]);
    expect(outcome).toMatchObject({ code: 'invalid_header' });
    expect((outcome as Error).message).toBe('Expected at most 10 entries in webhook-signature, found more.');
    expect(crypto).toBe(0);
  });

  it('counts entries of unknown versions too, but not the empty ones between doubled spaces', async () => {
    const unknown = Array.from({ length: 11 }, (_, i) => `v9,${i}`).join(' ');
    expect((await workFor(unknown, SECRET)).outcome).toMatchObject({ code: 'invalid_header' });
    const spaced = `${[...wrong(9), V1].join('  ')}  `;
    expect((await workFor(spaced, SECRET)).outcome).toMatchObject({ version: 'v1' });
  });

  it('accepts 10 entries, the match last', async () => {
    const { outcome } = await workFor([...wrong(9), V1].join(' '), SECRET);
    expect(outcome).toMatchObject({ version: 'v1' });
  });

  it('verifies each v1a entry at most once per key: 10 entries, 2 keys, at most 20 verifies', async () => {
    const keys = [PUBLIC_KEY, await secondPublicKey()];
    const { outcome, calls } = await workFor(wrongV1a(10).join(' '), keys);
    expect(outcome).toMatchObject({ code: 'no_matching_signature' });
    expect(calls(seam.verifyEd25519)).toBe(20);
    const matching = await workFor([...wrongV1a(9), V1A].join(' '), keys);
    expect(matching.outcome).toMatchObject({ version: 'v1a', keyIndex: 0 });
    expect(matching.calls(seam.verifyEd25519)).toBe(10);
  });

  it('never runs an HMAC for an Ed25519 key nor a verify for an HMAC secret', async () => {
    const { calls } = await workFor([...wrongV1a(5), ...wrong(5)].join(' '), [SECRET, PUBLIC_KEY]);
    expect(calls(seam.verifyEd25519)).toBe(5);
    expect(calls(seam.hmac)).toBe(1);
  });
});
