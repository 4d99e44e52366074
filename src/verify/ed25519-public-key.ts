// Ed25519 public keys that no honest signer has: refused at set-up, before any signature is looked at.
//
// A key of small order (one of the 8 points whose order divides the cofactor 8) lets one fixed signature
// verify every message: with the identity point as key, R = identity and S = 0 satisfy [S]B = R + [k]A for any
// k. A non-canonical encoding (y >= p) names a point that has a shorter, canonical name; verifiers disagree on
// such encodings (RFC 8032 section 5.1.3 refuses them, older ones reduce them), so neither is trusted here.
// Above the `#crypto` seam, so both backends refuse exactly the same keys. The small-order points are those of
// libsodium's blocklist and of "Taming the many EdDSAs" (Chalkias et al., 2020): y = 0 (the two points of
// order 4), y = 1 (the identity), y = -1 (order 2), and y = ±Y8 (the four of order 8), each with either sign of x
// (for y = ±1, x = 0 and the sign set is itself non-canonical, refused all the same).

const P = 2n ** 255n - 19n;
const Y8 = 0x5fc536d880238b13933c6d305acdfd5f098eff289f4c345b027b2c28f95e826n;

/**
 * Why a 32-byte Ed25519 public key must be refused (`'of small order'` or `'non-canonical'`), or `undefined` for
 * a key that may be used.
 */
export function weakEd25519Key(key: Uint8Array): 'of small order' | 'non-canonical' | undefined {
  // y is the little-endian number of the 255 low bits; the top bit is the sign of x.
  let y = BigInt((key[31] as number) & 0x7f);
  for (let i = 30; i >= 0; i--) y = (y << 8n) | BigInt(key[i] as number);
  if (y >= P) return 'non-canonical';
  return y < 2n || y === P - 1n || y === Y8 || y === P - Y8 ? 'of small order' : undefined;
}
