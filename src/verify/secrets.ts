/**
 * Secrets and keys: parsing `whsec_`/`whpk_`/bare base64/text/bytes once, importing each key once, and
 * keeping the imported keys in a small cache so that no call after the first pays for an import.
 *
 * @module
 */
import { importEd25519PrivateKey, importEd25519PublicKey, importHmacKey } from '#crypto';
import { base64Decode, base64Encode, utf8Encode } from '../lib/bytes.js';
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

/** A key ready for one algorithm, imported at most once. */
export interface Key {
  readonly algorithm: SignatureAlgorithm;
  /** The imported key once the import has settled; until then, `pending`. */
  ready: unknown;
  readonly pending: Promise<unknown>;
}

// `private`: a `whsk_` Ed25519 signing key (seed || public key, the Svix layout), for signPayload only.
type Kind = 'hmac' | 'public' | 'private';
export interface Parsed {
  readonly kind: Kind;
  readonly bytes: Uint8Array;
  readonly keys: Map<SignatureAlgorithm, Key>;
}

// Bounded so that a caller minting secrets per request cannot grow memory without end.
const LIMIT = 100;
const caches = { base64: new Map<string, Parsed>(), utf8: new Map<string, Parsed>(), bytes: new Map<string, Parsed>() };

function fail(what: string): never {
  // Never quote the secret itself: messages end up in logs.
  throw new TypeError(`bwell-webhooks: ${what}`);
}

function decodeSecret(text: string, encoding: 'base64' | 'utf8'): Parsed {
  if (encoding === 'utf8') return parsed('hmac', utf8Encode(text));
  if (/\s/.test(text)) fail('the secret contains whitespace; copy it again without spaces or line breaks');
  const kind: Kind = text.startsWith('whpk_') ? 'public' : text.startsWith('whsk_') ? 'private' : 'hmac';
  const body = text.replace(/^wh(sec|pk|sk)_/, '');
  // Unpadded base64 is tolerated, as the Python reference library does.
  const bytes = base64Decode(body.padEnd(Math.ceil(body.length / 4) * 4, '='));
  if (bytes === undefined) fail('the secret is not base64; expected "whsec_" followed by base64 text');
  if (kind === 'public' && bytes.length !== 32) fail('a whpk_ public key must hold 32 bytes');
  if (kind === 'private' && bytes.length !== 64) fail('a whsk_ signing key must hold 64 bytes (seed and public key)');
  return parsed(kind, kind === 'private' ? bytes.subarray(0, 32) : bytes);
}

function parsed(kind: Kind, bytes: Uint8Array): Parsed {
  // WebCrypto refuses 0-byte HMAC keys, and an empty secret is always a configuration mistake.
  if (bytes.length === 0) fail('the secret is empty');
  return { kind, bytes, keys: new Map() };
}

function lookup(secret: WebhookSecret, encoding: 'base64' | 'utf8'): Parsed {
  let cache = caches[encoding];
  let id: string;
  if (typeof secret === 'string') id = secret;
  else if (secret instanceof ArrayBuffer || ArrayBuffer.isView(secret)) {
    // Bytes are looked up by value (not by object) so that a buffer reused for another secret never hits.
    const view = secret instanceof ArrayBuffer ? new Uint8Array(secret) : secret;
    cache = caches.bytes;
    id = base64Encode(view);
  } else fail(`expected the secret as a string, Uint8Array or ArrayBuffer, found ${typeof secret}`);
  let entry = cache.get(id);
  if (entry === undefined) {
    entry =
      typeof secret === 'string' ? decodeSecret(secret, encoding) : parsed('hmac', base64Decode(id) as Uint8Array);
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(id, entry);
  }
  return entry;
}

/**
 * Parses every secret (throwing TypeErrors for the caller's mistakes) before any signature is looked at.
 * Verifying takes shared secrets and public keys; signing takes shared secrets and signing keys.
 */
export function parseSecrets(
  secret: WebhookSecret | readonly WebhookSecret[] | undefined,
  encoding: 'base64' | 'utf8',
  purpose: 'verify' | 'sign',
): Parsed[] {
  if (secret === undefined || secret === null) fail(`a secret is required to ${purpose} signatures`);
  const list: readonly WebhookSecret[] = Array.isArray(secret) ? secret : [secret as WebhookSecret];
  if (list.length === 0) fail('the secret list is empty');
  return list.map((one) => {
    const entry = lookup(one, encoding);
    if (purpose === 'verify' && entry.kind === 'private') fail('a whsk_ key signs; verify with its whpk_ public key');
    if (purpose === 'sign' && entry.kind === 'public') fail('a whpk_ public key cannot sign; use its whsk_ key');
    return entry;
  });
}

/** The secret's key for `algorithm`, or `undefined` when it cannot serve it (an HMAC secret for Ed25519). */
export function keyFor(secret: Parsed, algorithm: SignatureAlgorithm): Key | undefined {
  if ((algorithm === 'Ed25519') === (secret.kind === 'hmac')) return undefined;
  let key = secret.keys.get(algorithm);
  if (key === undefined) {
    const pending: Promise<unknown> =
      secret.kind === 'public'
        ? importEd25519PublicKey(secret.bytes)
        : secret.kind === 'private'
          ? importEd25519PrivateKey(secret.bytes)
          : importHmacKey(secret.bytes, algorithm === 'HMAC-SHA-512' ? 'SHA-512' : 'SHA-256');
    const created: Key = { algorithm, ready: undefined, pending };
    pending.then(
      (ready) => {
        created.ready = ready;
      },
      () => secret.keys.delete(algorithm),
    );
    secret.keys.set(algorithm, created);
    key = created;
  }
  return key;
}
