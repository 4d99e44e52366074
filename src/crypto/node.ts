/**
 * The `#crypto` seam on node:crypto (the `node` condition). WebCrypto on Node hops to the thread pool on
 * every call and runs several times slower than the synchronous node:crypto calls used here.
 *
 * @module
 */
import { createHmac, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { same } from '../lib/constant-time.js';
import type {
  CryptoSeam,
  Ed25519PrivateKey,
  Ed25519PublicKey,
  HmacHash,
  HmacKey,
  SignatureEncoding,
  TextSpan,
} from './types.js';

interface NodeHmacKey {
  readonly algorithm: string;
  readonly secret: Uint8Array;
}

const ALGORITHMS: Record<HmacHash, string> = { 'SHA-256': 'sha256', 'SHA-512': 'sha512' };

// Ed25519 signs the whole message in one pass (no streaming API), so prefix and body are joined once.
function join(prefix: string, body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(prefix + body) : Buffer.concat([Buffer.from(prefix), body]);
}

// A copy of the secret bytes: createHmac() with a Buffer key is faster than with a KeyObject on Node 20.
export const importHmacKey = async (secret: Uint8Array, hash: HmacHash): Promise<HmacKey> =>
  ({ algorithm: ALGORITHMS[hash], secret: Uint8Array.from(secret) }) satisfies NodeHmacKey as unknown as HmacKey;

export function hmac(key: HmacKey, prefix: string, body: string | Uint8Array, encoding: SignatureEncoding): string {
  const { algorithm, secret } = key as unknown as NodeHmacKey;
  return createHmac(algorithm, secret).update(prefix).update(body).digest(encoding);
}

export const hmacEquals = (
  key: HmacKey,
  prefix: string,
  body: string | Uint8Array,
  { source, start, end }: TextSpan,
  encoding: SignatureEncoding,
): boolean => same(hmac(key, prefix, body, encoding), source, start, end);

const jwk = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');

export const importEd25519PublicKey = async (raw: Uint8Array): Promise<Ed25519PublicKey> =>
  createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk(raw) }, format: 'jwk' }) as unknown as Ed25519PublicKey;

export async function importEd25519PrivateKey(seed: Uint8Array): Promise<Ed25519PrivateKey> {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) as unknown as Ed25519PrivateKey;
}

export const verifyEd25519 = (
  key: Ed25519PublicKey,
  prefix: string,
  body: string | Uint8Array,
  signature: Uint8Array,
): boolean => verify(null, join(prefix, body), key as unknown as KeyObject, signature);

export const signEd25519 = async (
  key: Ed25519PrivateKey,
  prefix: string,
  body: string | Uint8Array,
): Promise<Uint8Array> => sign(null, join(prefix, body), key as unknown as KeyObject);

({
  importHmacKey,
  hmac,
  hmacEquals,
  importEd25519PublicKey,
  importEd25519PrivateKey,
  verifyEd25519,
  signEd25519,
}) satisfies CryptoSeam;
