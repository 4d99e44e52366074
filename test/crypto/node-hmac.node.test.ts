// How the node:crypto backend computes HMAC: over `crypto.hash` where Node has it (20.12+), over createHmac()
// where it does not, and without leaving key material in the memory Node hands out uninitialised.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HmacHash } from '../../src/crypto/types.js';

const ALGORITHM = { 'SHA-256': 'sha256', 'SHA-512': 'sha512' } as const;

afterEach(() => {
  vi.doUnmock('node:crypto');
  vi.resetModules();
});

// The backend loaded afresh over node:crypto, with or without `hash`, and with createHmac() counted.
async function backend(withOneShotHash: boolean) {
  vi.resetModules();
  const createHmacCalls = vi.fn();
  vi.doMock('node:crypto', async (importOriginal) => {
    const original = await importOriginal<typeof import('node:crypto')>();
    const counted = (...args: Parameters<typeof createHmac>) => {
      createHmacCalls();
      return original.createHmac(...args);
    };
    return { ...original, createHmac: counted, hash: withOneShotHash ? original.hash : undefined };
  });
  return { ...(await import('../../src/crypto/node.js')), createHmacCalls };
}

describe('HMAC on node:crypto', () => {
  it.each([true, false])(
    'equals createHmac() for any key, prefix and body (crypto.hash present: %s)',
    async (present) => {
      const { importHmacKey, hmac, createHmacCalls } = await backend(present);
      await fc.assert(
        fc.asyncProperty(
          // Keys on both sides of each hash's block size (64 and 128 bytes): longer ones are hashed first.
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 300 }),
            fc.uint8Array({ maxLength: 300 }),
            // Past Node's 4 KiB pool threshold: the message gets its own allocation.
            fc.string({ minLength: 4100, maxLength: 6000 }),
          ),
          fc.constantFrom<HmacHash>('SHA-256', 'SHA-512'),
          fc.constantFrom('base64' as const, 'hex' as const),
          async (secret, prefix, body, hash, encoding) => {
            const key = await importHmacKey(secret, hash);
            const expected = createHmac(ALGORITHM[hash], secret).update(prefix).update(body).digest(encoding);
            expect(hmac(key, prefix, body, encoding)).toBe(expected);
            // Twice with the same key: the key's outer block is reused, never left holding the last call's state.
            expect(hmac(key, prefix, body, encoding)).toBe(expected);
          },
        ),
        { numRuns: 60 },
      );
      // Which way it went: createHmac() only where `crypto.hash` is missing.
      expect(createHmacCalls.mock.calls.length > 0).toBe(!present);
    },
  );

  it.each<[HmacHash, number[]]>([
    ['SHA-256', [1, 63, 64, 65, 200]],
    ['SHA-512', [1, 127, 128, 129, 300]],
  ])('equals createHmac() for %s keys around the block size: %j bytes', async (hash, lengths) => {
    // RFC 2104: a key of exactly one block is used as is, a longer one is hashed first.
    const { importHmacKey, hmac } = await backend(true);
    for (const length of lengths) {
      const secret = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      const key = await importHmacKey(secret, hash);
      const expected = createHmac(ALGORITHM[hash], secret).update('msg_1.1700000000.').update('{}').digest('hex');
      expect(hmac(key, 'msg_1.1700000000.', '{}', 'hex'), `${length} bytes`).toBe(expected);
    }
  });

  it('equals createHmac() as messages grow past the scratch buffer and past its bound, and shrink again', async () => {
    const { importHmacKey, hmac } = await backend(true);
    const secret = Uint8Array.from({ length: 32 }, (_, i) => i * 5 + 3);
    const key = await importHmacKey(secret, 'SHA-256');
    // 2 KiB is the first scratch buffer, 64 KiB the most it grows to; each call overwrites what the last left.
    // Lengths repeat, with other content each time: the view of the last length is reused, never its bytes.
    const lengths = [10, 10, 2_100, 5, 5, 70_000, 5, 3, 65_000, 65_000, 1];
    for (const [call, length] of lengths.entries()) {
      const body = String.fromCharCode(97 + call).repeat(length);
      const expected = createHmac('sha256', secret).update('msg_2.1700000000.').update(body).digest('base64');
      expect(hmac(key, 'msg_2.1700000000.', body, 'base64'), `${length} bytes`).toBe(expected);
    }
  });

  it('keeps one scratch buffer per key: reused, grown to the largest message, never kept past 64 KiB', async () => {
    const { importHmacKey, hmac } = await backend(true);
    const key = await importHmacKey(
      Uint8Array.from({ length: 32 }, (_, i) => i + 9),
      'SHA-256',
    );
    // White-box: the memory a key holds is the point of this test, and nothing outside shows it.
    const scratch = () => (key as unknown as { scratch: Buffer }).scratch;
    const prefix = 'msg_3.1700000000.';
    const sized = (total: number) => 'x'.repeat(total - 64 - prefix.length);
    const first = scratch();
    hmac(key, prefix, sized(100), 'base64');
    expect(scratch()).toBe(first);
    hmac(key, prefix, sized(3_000), 'base64');
    expect(scratch().length).toBe(3_000);
    const grown = scratch();
    // A message of exactly the scratch's size fits it; one past 64 KiB gets a buffer the key does not keep.
    hmac(key, prefix, sized(3_000), 'base64');
    hmac(key, prefix, sized(70_000), 'base64');
    expect(scratch()).toBe(grown);
    hmac(key, prefix, sized(65_536), 'base64');
    expect(scratch().length).toBe(65_536);
  });

  it('never writes key material into the shared pool that Node hands out uninitialised', async () => {
    const { importHmacKey, hmac } = await backend(true);
    const secret = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);
    const key = await importHmacKey(secret, 'SHA-256');
    // Small, then past the key's first scratch buffer (2 KiB), which then grows.
    hmac(key, 'msg_1.1700000000.', '{"small":"body"}', 'base64');
    hmac(key, 'msg_1.1700000000.', 'x'.repeat(3000), 'base64');
    // The key XOR ipad, as RFC 2104 builds it: what the message buffer starts with.
    const innerPad = Array.from({ length: 64 }, (_, i) => (secret[i] ?? 0) ^ 0x36);
    // A one-byte allocation comes from the same shared pool: its ArrayBuffer is the whole pool.
    const pool = new Uint8Array(Buffer.allocUnsafe(1).buffer);
    expect(Buffer.from(pool).indexOf(Buffer.from(innerPad))).toBe(-1);
  });
});
