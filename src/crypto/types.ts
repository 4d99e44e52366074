// The `#crypto` seam: the few primitives verify and sign need, implemented once with node:crypto
// (node.ts) and once with WebCrypto (web.ts). Internal: no type from here may reach the public .d.ts.

/** Hash functions an HMAC key can be imported for. */
export type HmacHash = 'SHA-256' | 'SHA-512';

/** How a MAC is written out: padded base64 or lower-case hex. */
export type SignatureEncoding = 'base64' | 'hex';

// Opaque handles: a KeyObject on Node, a CryptoKey elsewhere. Callers only pass them back.
declare const hmacBrand: unique symbol;
declare const publicBrand: unique symbol;
declare const privateBrand: unique symbol;
export type HmacKey = { readonly [hmacBrand]: true };
export type Ed25519PublicKey = { readonly [publicBrand]: true };
export type Ed25519PrivateKey = { readonly [privateBrand]: true };

/**
 * Where a signature stands in its header, read in place rather than copied out: V8 reads a substring of 13
 * characters or more through its parent string, several times slower, and this is read on every delivery.
 */
export interface TextSpan {
  readonly source: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Signed content arrives in two parts, the short ASCII prefix (`${id}.${timestamp}.`) and the body, so that
 * node:crypto can hash them without concatenating; WebCrypto needs one buffer and joins them once.
 */
export interface CryptoSeam {
  importHmacKey(secret: Uint8Array, hash: HmacHash): Promise<HmacKey>;
  /**
   * The MAC already encoded: node:crypto encodes natively, far faster than JavaScript can. node:crypto answers
   * synchronously, WebCrypto with a promise; callers await only a promise, since every await costs a tick.
   */
  hmac(key: HmacKey, prefix: string, body: string | Uint8Array, encoding: SignatureEncoding): string | Promise<string>;
  /**
   * Whether `signature` is the MAC, encoded (canonically), in constant time. For one signature to check, where
   * each backend takes its own fastest way: node:crypto encodes its MAC and compares texts; WebCrypto decodes the
   * signature and lets `subtle.verify` compare, which spares encoding its MAC in JavaScript after the crypto call.
   */
  hmacEquals(
    key: HmacKey,
    prefix: string,
    body: string | Uint8Array,
    signature: TextSpan,
    encoding: SignatureEncoding,
  ): boolean | Promise<boolean>;
  /** The SHA-256 digest of `body`, in lower-case hex: what identifies a delivery whose scheme signs no id. */
  sha256Hex(body: string | Uint8Array): string | Promise<string>;
  importEd25519PublicKey(raw: Uint8Array): Promise<Ed25519PublicKey>;
  /** `seed` is the 32-byte private seed. */
  importEd25519PrivateKey(seed: Uint8Array): Promise<Ed25519PrivateKey>;
  verifyEd25519(
    key: Ed25519PublicKey,
    prefix: string,
    body: string | Uint8Array,
    signature: Uint8Array,
  ): boolean | Promise<boolean>;
  signEd25519(key: Ed25519PrivateKey, prefix: string, body: string | Uint8Array): Promise<Uint8Array>;
}
