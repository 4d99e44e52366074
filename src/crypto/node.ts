/**
 * The `#crypto` seam on node:crypto (the `node` condition). WebCrypto on Node hops to the thread pool on
 * every call and runs several times slower than the synchronous node:crypto calls used here.
 *
 * @module
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
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
  /** The key XOR ipad, one hash block: the start of the inner hash's input. */
  readonly inner: Uint8Array;
  /** The key XOR opad, one hash block, then room for the inner digest: the outer hash's whole input. */
  readonly outer: Buffer;
  /** The inner hash's input for messages up to its size: `inner`, then room for prefix and body (see hmac). */
  scratch: Buffer;
  /** The scratch buffer's first bytes as long as the last message, kept while messages keep one length. */
  view: Buffer | undefined;
}

/** Below this, a key's scratch buffer grows to the largest message seen; above, each message is its own. */
const SCRATCH_START = 2048;
const SCRATCH_MAX = 65_536;

type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: string) => string;

const ALGORITHMS: Record<HmacHash, { readonly name: string; readonly block: number }> = {
  'SHA-256': { name: 'sha256', block: 64 },
  'SHA-512': { name: 'sha512', block: 128 },
};

// `crypto.hash` (Node 20.12+) hashes in one call without building a Hash object. HMAC over it, as RFC 2104
// defines it (two hashes, over the pads of a pre-computed key), costs about 0.7x a createHmac() call, whose
// constructor alone is more than half of an HMAC of 1 KB. Older Node 20 releases keep createHmac().
// A namespace read, not a named import: a named import of a missing export fails to link on those releases.
const oneShot = (nodeCrypto as { hash?: OneShotHash }).hash;

// Ed25519 signs the whole message in one pass (no streaming API), so prefix and body are joined once.
function join(prefix: string, body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(prefix + body) : Buffer.concat([Buffer.from(prefix), body]);
}

// A key longer than the hash's block is hashed first, as in RFC 2104; each pad copies the key into a block.
function pad(secret: Uint8Array, name: string, block: number, byte: number, extra: number): Buffer {
  const key = secret.length > block ? createHash(name).update(secret).digest() : secret;
  const padded = Buffer.alloc(block + extra, 0);
  for (let i = 0; i < block; i++) padded[i] = (key[i] ?? 0) ^ byte;
  return padded;
}

export const importHmacKey = async (secret: Uint8Array, hash: HmacHash): Promise<HmacKey> => {
  const { name, block } = ALGORITHMS[hash];
  const inner = pad(secret, name, block, 0x36, 0);
  const key: NodeHmacKey = {
    algorithm: name,
    secret: Uint8Array.from(secret),
    inner,
    outer: pad(secret, name, block, 0x5c, block / 2),
    scratch: messageBuffer(inner, SCRATCH_START),
    view: undefined,
  };
  return key as unknown as HmacKey;
};

export function hmac(key: HmacKey, prefix: string, body: string | Uint8Array, encoding: SignatureEncoding): string {
  const nodeKey = key as unknown as NodeHmacKey;
  const { algorithm, secret, inner, outer } = nodeKey;
  if (oneShot === undefined) return createHmac(algorithm, secret).update(prefix).update(body).digest(encoding);
  const block = inner.length;
  const length = block + Buffer.byteLength(prefix) + Buffer.byteLength(body);
  // The key's own scratch buffer, which starts with the inner pad: no allocation per delivery (a new 8 KiB
  // pool every few calls, and the collector's accounting of it, cost more than the copy). It grows up to
  // SCRATCH_MAX; a larger message gets a buffer of its own. Neither comes from Node's shared pool, which hands
  // its memory out uninitialised to any later allocation: key material never enters it.
  let message = nodeKey.scratch;
  if (length > message.length) {
    message = messageBuffer(inner, length);
    if (length <= SCRATCH_MAX) nodeKey.scratch = message;
  }
  const bodyStart = block + message.write(prefix, block);
  if (typeof body === 'string') message.write(body, bodyStart);
  else message.set(body, bodyStart);
  // The hash takes exactly the message: a view of its length, made again only when the length changes (the
  // deliveries of one event often have one length; a view is an object per call otherwise). A view of a
  // smaller scratch buffer, outgrown, is shorter than any message that outgrew it.
  let view = nodeKey.view;
  if (message !== nodeKey.scratch) view = message;
  else if (view === undefined || view.length !== length) view = nodeKey.view = message.subarray(0, length);
  // 'latin1' carries each digest byte as one character: cheaper than a Buffer for the hop into `outer`.
  const innerDigest = oneShot(algorithm, view, 'latin1');
  outer.write(innerDigest, block, 'latin1');
  return oneShot(algorithm, outer, encoding);
}

// Outside the shared pool (allocUnsafeSlow), the inner pad first; the rest is written before every hash. Every
// length asked for is at least the pad's: a message is the pad and more, and SCRATCH_START exceeds any block.
function messageBuffer(inner: Uint8Array, length: number): Buffer {
  const message = Buffer.allocUnsafeSlow(length);
  message.set(inner);
  return message;
}

export const hmacEquals = (
  key: HmacKey,
  prefix: string,
  body: string | Uint8Array,
  { source, start, end }: TextSpan,
  encoding: SignatureEncoding,
): boolean => same(hmac(key, prefix, body, encoding), source, start, end);

export const sha256Hex = (body: string | Uint8Array): string => createHash('sha256').update(body).digest('hex');

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
  sha256Hex,
  importEd25519PublicKey,
  importEd25519PrivateKey,
  verifyEd25519,
  signEd25519,
}) satisfies CryptoSeam;
