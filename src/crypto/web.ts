/**
 * The `#crypto` seam on WebCrypto: browsers, Workers, Deno, Bun, edge runtimes (the `default` condition).
 *
 * @module
 */
import { base64Encode, decodeSignature, hexEncode } from '../lib/bytes.js';
import type {
  CryptoSeam,
  Ed25519PrivateKey,
  Ed25519PublicKey,
  HmacHash,
  HmacKey,
  SignatureEncoding,
  TextSpan,
} from './types.js';

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();

// PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410): WebCrypto imports no raw private keys.
const PKCS8_ED25519 = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

// WebCrypto signs one buffer: join prefix and body with one allocation (a string body is encoded with the
// prefix; bytes get room for the prefix's worst case of 3 UTF-8 bytes per UTF-16 unit, and a view of the part used).
function join(prefix: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return encoder.encode(prefix + body);
  const data = new Uint8Array(prefix.length * 3 + body.length);
  const { written } = encoder.encodeInto(prefix, data);
  data.set(body, written);
  return data.subarray(0, written + body.length);
}

// TS >= 5.7: BufferSource must be ArrayBuffer-backed; keys and signatures come from our own decoders, which
// allocate fresh ArrayBuffers, so the cast only narrows the type.
const source = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

export const importHmacKey = async (secret: Uint8Array, hash: HmacHash): Promise<HmacKey> =>
  (await subtle.importKey('raw', source(secret), { name: 'HMAC', hash }, false, [
    'sign',
    'verify',
  ])) as unknown as HmacKey;

// A `.then`, not an async function: one promise less between the digest and the caller, which WebCrypto on
// Node pays for in latency.
export const hmac = (key: HmacKey, prefix: string, body: string | Uint8Array, encoding: SignatureEncoding) =>
  subtle
    .sign('HMAC', key as unknown as CryptoKey, join(prefix, body))
    .then((mac) => (encoding === 'hex' ? hexEncode : base64Encode)(new Uint8Array(mac)));

// subtle.verify compares in constant time, natively, and nothing is left to do in JavaScript once it answers.
export function hmacEquals(
  key: HmacKey,
  prefix: string,
  body: string | Uint8Array,
  signature: TextSpan,
  encoding: SignatureEncoding,
): boolean | Promise<boolean> {
  const bytes = decodeSignature(signature, encoding);
  if (bytes === undefined) return false;
  return subtle.verify('HMAC', key as unknown as CryptoKey, bytes, join(prefix, body));
}

export const sha256Hex = (body: string | Uint8Array): Promise<string> =>
  subtle
    .digest('SHA-256', typeof body === 'string' ? encoder.encode(body) : source(body))
    .then((digest) => hexEncode(new Uint8Array(digest)));

export const importEd25519PublicKey = async (raw: Uint8Array): Promise<Ed25519PublicKey> =>
  (await subtle.importKey('raw', source(raw), 'Ed25519', false, ['verify'])) as unknown as Ed25519PublicKey;

export async function importEd25519PrivateKey(seed: Uint8Array): Promise<Ed25519PrivateKey> {
  const der = new Uint8Array(PKCS8_ED25519.length + seed.length);
  der.set(PKCS8_ED25519);
  der.set(seed, PKCS8_ED25519.length);
  return (await subtle.importKey('pkcs8', der, 'Ed25519', false, ['sign'])) as unknown as Ed25519PrivateKey;
}

export const verifyEd25519 = (
  key: Ed25519PublicKey,
  prefix: string,
  body: string | Uint8Array,
  signature: Uint8Array,
): Promise<boolean> => subtle.verify('Ed25519', key as unknown as CryptoKey, source(signature), join(prefix, body));

export const signEd25519 = async (
  key: Ed25519PrivateKey,
  prefix: string,
  body: string | Uint8Array,
): Promise<Uint8Array> => new Uint8Array(await subtle.sign('Ed25519', key as unknown as CryptoKey, join(prefix, body)));

({
  importHmacKey,
  hmac,
  hmacEquals,
  sha256Hex,
  importEd25519PublicKey,
  importEd25519PrivateKey,
  verifyEd25519,
  signEd25519,
}) satisfies CryptoSeam;
