/**
 * Secrets and keys: each secret is parsed once and each key imported once, then kept in a small cache, so
 * that no call after the first pays for parsing or importing.
 *
 * @module
 */
import { importEd25519PublicKey, importHmacKey } from '#crypto';
import { base64Decode, base64Encode, isArrayBuffer, utf8Encode } from '../lib/bytes.js';
import { weakEd25519Key } from './ed25519-public-key.js';
import type { SignatureAlgorithm } from './scheme.js';

/**
 * A secret to verify with: a base64 secret with or without the `whsec_` prefix, an Ed25519 public key
 * `whpk_...` (for `v1a`), or the secret's raw bytes. Schemes that read secrets as text (GitHub) take the
 * string as is.
 *
 * @example
 * ```ts
 * import type { WebhookSecret } from 'bwell-webhooks';
 *
 * const secret: WebhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
 * ```
 */
export type WebhookSecret = string | Uint8Array | ArrayBuffer;

/** A parsed secret: HMAC key bytes, or an Ed25519 public key; its imported keys by algorithm. */
export interface Secret {
  readonly bytes: Uint8Array;
  readonly ed25519: boolean;
  readonly keys: Map<SignatureAlgorithm, unknown>;
}

// By kind (base64 text, UTF-8 text, bytes), keyed by the secret itself: a string's hash is computed once.
// Bounded, so that a caller minting secrets per request cannot grow memory without end.
const caches = [new Map<string, Secret>(), new Map<string, Secret>(), new Map<string, Secret>()] as const;

/** Throws the TypeError of a caller's mistake; never quotes the secret, since messages end up in logs. */
export function mistake(what: string): never {
  throw new TypeError(`bwell-webhooks: ${what}`);
}

function secret(bytes: Uint8Array, ed25519: boolean): Secret {
  // WebCrypto refuses 0-byte HMAC keys, and an empty secret is always a configuration mistake.
  if (bytes.length === 0) mistake('the secret is empty');
  return { bytes, ed25519, keys: new Map() };
}

function parse(text: string, utf8: boolean): Secret {
  if (utf8) return secret(utf8Encode(text), false);
  if (/\s/.test(text)) mistake('the secret has whitespace');
  const kind = /^wh(sec|pk|sk)_/.exec(text)?.[1];
  if (kind === 'sk') mistake('verify with the whpk_ key, not whsk_');
  const body = kind === undefined ? text : text.slice(kind.length + 3);
  // Unpadded base64 is tolerated, as in the Python reference library.
  const bytes = base64Decode(body.padEnd((body.length + 3) & ~3, '=')) ?? mistake('the secret is not base64');
  if (kind === 'pk' && bytes.length !== 32) mistake('a whpk_ key has 32 bytes');
  const weak = kind === 'pk' ? weakEd25519Key(bytes) : undefined;
  // The reason only: a message never quotes a key.
  if (weak !== undefined) mistake(`the whpk_ key is ${weak}, which would accept forgeries`);
  return secret(bytes, kind === 'pk');
}

/** Parses every secret, throwing TypeErrors for the caller's mistakes before any signature is looked at. */
export function readSecrets(secrets: WebhookSecret | readonly WebhookSecret[], utf8: boolean): Secret[] {
  if (!Array.isArray(secrets)) return [read(secrets, utf8)];
  if (secrets.length === 0) mistake('no secret');
  return secrets.map((one) => read(one, utf8));
}

function read(one: unknown, utf8: boolean): Secret {
  const text = typeof one === 'string';
  if (!text && !(isArrayBuffer(one) || ArrayBuffer.isView(one))) {
    mistake(`expected a secret, found ${one === null ? 'null' : typeof one}`);
  }
  // The bytes a view covers, whatever its element type (new Uint8Array(view) would convert a Uint16Array
  // element by element and read a DataView as empty).
  const bytes = text
    ? undefined
    : ArrayBuffer.isView(one)
      ? new Uint8Array(one.buffer, one.byteOffset, one.byteLength)
      : new Uint8Array(one as ArrayBuffer);
  // Bytes are cached by value, not by object, so that a buffer refilled with another secret never hits.
  const id = bytes === undefined ? (one as string) : base64Encode(bytes);
  const cache = caches[text ? +utf8 : 2] as Map<string, Secret>;
  let entry = cache.get(id);
  if (entry === undefined) {
    entry = bytes === undefined ? parse(one as string, utf8) : secret(bytes.slice(), false);
    if (cache.size >= 100) cache.delete(cache.keys().next().value as string);
    cache.set(id, entry);
  }
  return entry;
}

/**
 * The secret's key for `algorithm`: the key itself once imported, a promise of it until then (awaiting an
 * already imported key would delay the crypto call by a tick, which WebCrypto on Node pays in wall time),
 * or `undefined` when the secret cannot serve the algorithm.
 */
export function keyFor(secret: Secret, algorithm: SignatureAlgorithm): unknown {
  if ((algorithm === 'Ed25519') !== secret.ed25519) return undefined;
  let key = secret.keys.get(algorithm);
  if (key === undefined) {
    const pending = secret.ed25519
      ? importEd25519PublicKey(secret.bytes)
      : importHmacKey(secret.bytes, algorithm === 'HMAC-SHA-512' ? 'SHA-512' : 'SHA-256');
    pending.then(
      (ready) => secret.keys.set(algorithm, ready),
      () => secret.keys.delete(algorithm),
    );
    secret.keys.set(algorithm, pending);
    key = pending;
  }
  return key;
}
