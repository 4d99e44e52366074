// Ed25519 public keys that no honest signer has: refused at set-up, before any signature is looked at.
//
// A key of small order (one of the 8 points whose order divides the cofactor 8) lets one fixed signature
// verify every message: with the identity point as key, R = identity and S = 0 satisfy [S]B = R + [k]A for any
// k. A non-canonical encoding (y >= p) names a point that has a shorter, canonical name; verifiers disagree on
// such encodings (RFC 8032 section 5.1.3 refuses them, older ones reduce them), so neither is trusted here.
// Above the `#crypto` seam, so both backends refuse exactly the same keys. The list of y-coordinates is the
// one of libsodium's blocklist and of "Taming the many EdDSAs" (Chalkias et al., 2020), table 6.

/** y of the small-order points, little-endian, the x sign bit cleared: each stands for both signs of x. */
const SMALL_ORDER_Y = [
  // y = 0: the two points of order 4, (±sqrt(-1), 0)
  '0000000000000000000000000000000000000000000000000000000000000000',
  // y = 1: the identity (order 1); with the sign bit set, a non-canonical "-0" for x
  '0100000000000000000000000000000000000000000000000000000000000000',
  // y = p - 1: (0, -1), of order 2
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // the two y of the four points of order 8
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
];

/** The y-coordinate's bytes as lower-case hex, the sign bit of x cleared. */
function yHex(key: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < 32; i++) {
    const byte = i === 31 ? (key[i] as number) & 0x7f : (key[i] as number);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/**
 * Why a 32-byte Ed25519 public key must be refused (`'of small order'` or `'non-canonical'`), or `undefined` for a
 * key that may be used.
 */
export function weakEd25519Key(key: Uint8Array): 'of small order' | 'non-canonical' | undefined {
  const y = yHex(key);
  // p = 2^255 - 19 is, little-endian, ed ff ... ff 7f: y >= p exactly when every byte after the first is at its
  // maximum and the first is 0xed or more. Such y name the values 0 to 18 a second time.
  if (y.endsWith(`${'ff'.repeat(30)}7f`) && (key[0] as number) >= 0xed) return 'non-canonical';
  return SMALL_ORDER_Y.includes(y) ? 'of small order' : undefined;
}
