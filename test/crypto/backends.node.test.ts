// Both implementations side by side on random input: only the node project can load node:crypto.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as node from '../../src/crypto/node.js';
import * as web from '../../src/crypto/web.js';

// A signature between other header entries: the backends read it in place.
const inHeader = (text: string) => ({ source: `v1,${text} v1,other`, start: 3, end: 3 + text.length });

// The raw public key of a seed, derived by node:crypto itself (not by the seam under test).
function publicKeyOf(seed: Uint8Array): Uint8Array {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const jwk = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
}

describe('the node:crypto and WebCrypto backends', () => {
  it('agree on HMAC-SHA256 and HMAC-SHA512, in base64 and hex, for any key, prefix and body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 })),
        fc.constantFrom('SHA-256' as const, 'SHA-512' as const),
        fc.constantFrom('base64' as const, 'hex' as const),
        async (secret, prefix, body, hash, encoding) => {
          const nodeKey = await node.importHmacKey(secret, hash);
          const webKey = await web.importHmacKey(secret, hash);
          const fromNode = await node.hmac(nodeKey, prefix, body, encoding);
          const fromWeb = await web.hmac(webKey, prefix, body, encoding);
          expect(fromNode).toBe(fromWeb);
          // Each accepts the other's MAC, and refuses it once a character is changed.
          expect(node.hmacEquals(nodeKey, prefix, body, inHeader(fromWeb), encoding)).toBe(true);
          expect(await web.hmacEquals(webKey, prefix, body, inHeader(fromNode), encoding)).toBe(true);
          const altered = `${fromNode[0] === 'a' ? 'b' : 'a'}${fromNode.slice(1)}`;
          expect(node.hmacEquals(nodeKey, prefix, body, inHeader(altered), encoding)).toBe(false);
          expect(await web.hmacEquals(webKey, prefix, body, inHeader(altered), encoding)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('sign Ed25519 identically and verify each other’s signatures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.string({ maxLength: 40 }),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 })),
        async (seed, prefix, body) => {
          const fromNode = await node.signEd25519(await node.importEd25519PrivateKey(seed), prefix, body);
          const fromWeb = await web.signEd25519(await web.importEd25519PrivateKey(seed), prefix, body);
          expect(new Uint8Array(fromNode)).toEqual(fromWeb);
          const raw = publicKeyOf(seed);
          expect(await web.verifyEd25519(await web.importEd25519PublicKey(raw), prefix, body, fromNode)).toBe(true);
          expect(await node.verifyEd25519(await node.importEd25519PublicKey(raw), prefix, body, fromWeb)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});
