// How much hashing a delivery can cause: a signature header with many entries must not multiply the HMACs
// of the body (up to 1 MiB), whatever the entries hold. Runs on both #crypto backends, each call counted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as seam from '#crypto';
import { base64Decode, base64Encode } from '../../src/lib/bytes.js';
import { type SignatureScheme, standardWebhooks } from '../../src/verify/scheme.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import { HEADERS, NOW, OTHER_SECRET, PAYLOAD, type rejection, SECRET, V1 } from './helpers.js';

vi.mock('#crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('#crypto')>();
  return { ...original, hmac: vi.fn(original.hmac), hmacEquals: vi.fn(original.hmacEquals) };
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
    const { outcome, hmac, hmacEquals } = await macsFor([...wrong(20), V1, ...wrong(5)].join(' '), SECRET);
    expect(outcome).toMatchObject({ version: 'v1', keyIndex: 0 });
    expect({ hmac, hmacEquals }).toEqual({ hmac: 1, hmacEquals: 0 });
  });

  it('computes one MAC per secret, not per (secret, entry) pair, when nothing matches', async () => {
    const { outcome, hmac } = await macsFor(wrong(50).join(' '), [OTHER_SECRET, SECRET, OTHER_SECRET]);
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
