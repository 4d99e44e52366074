/**
 * The search for a (secret, signature entry) pair that matches a delivery: synchronous while the crypto seam
 * answers synchronously (node:crypto, keys already imported), resumed where it stopped after each promise
 * otherwise (WebCrypto, a key still being imported).
 *
 * @module
 */
import { hmac, hmacEquals, verifyEd25519 } from '#crypto';
import { WebhookError } from '../errors.js';
import { decodeSignature } from '../lib/bytes.js';
import { same } from '../lib/constant-time.js';
import { isPromiseLike } from '../lib/promise-like.js';
import type { SignatureEntry } from './content.js';
import type { SignatureAlgorithm, SignatureScheme } from './scheme.js';
import { keyFor, type Secret } from './secrets.js';
import type { VerifiedDelivery } from './verify-signature.js';

/** What the search needs: the delivery's checked headers, its secrets and signature entries, the body. */
export interface Candidates {
  readonly scheme: SignatureScheme;
  readonly secrets: readonly Secret[];
  readonly entries: readonly SignatureEntry[];
  /** The signed content before the body. */
  readonly prefix: string;
  readonly body: string | Uint8Array;
  readonly id: string;
  readonly timestamp: number;
}

/** A search in progress: where it resumes after a promise, and the last MAC computed. */
interface Search extends Candidates {
  /** The next pair to try, as `keyIndex * entries.length + entryIndex`. */
  next: number;
  /** The last MAC computed (encoded), and the secret and algorithm it was computed for (-1 and '' for none). */
  mac: string;
  macKey: number;
  macAlgorithm: SignatureAlgorithm | '';
}

/**
 * The delivery, once a pair matches; a promise of it (always this realm's own) when the seam answered with
 * one; `no_matching_signature` when no pair matches.
 */
export function findMatch(candidates: Candidates): VerifiedDelivery | Promise<VerifiedDelivery> {
  const { scheme, secrets, entries, prefix, body, id, timestamp } = candidates;
  // One literal with every field, never a spread: V8 then gives each search the same fast, fixed shape.
  return match({
    scheme,
    secrets,
    entries,
    prefix,
    body,
    id,
    timestamp,
    next: 0,
    mac: '',
    macKey: -1,
    macAlgorithm: '',
  });
}

function remember(search: Search, mac: string, keyIndex: number, algorithm: SignatureAlgorithm): Search {
  search.mac = mac;
  search.macKey = keyIndex;
  search.macAlgorithm = algorithm;
  return search;
}

/**
 * Tries every secret against every entry, synchronously as long as the seam answers synchronously. Where it
 * answers with a promise, the search waits for it and resumes: at the same pair after a key import or a MAC, at
 * the next pair after a refused signature.
 */
function match(search: Search): VerifiedDelivery | Promise<VerifiedDelivery> {
  const { scheme, secrets, entries, prefix, body, id, timestamp } = search;
  const count = entries.length;
  for (; search.next < secrets.length * count; search.next++) {
    const keyIndex = Math.floor(search.next / count);
    const entry = entries[search.next % count] as SignatureEntry;
    const { algorithm, version } = entry.format;
    const key = keyFor(secrets[keyIndex] as Secret, algorithm);
    if (key === undefined) continue;
    if (isPromiseLike(key)) return Promise.resolve(key).then(() => match(search));
    let verdict: boolean | PromiseLike<boolean>;
    if (algorithm === 'Ed25519') {
      const signature = decodeSignature(entry, scheme.encoding);
      if (signature === undefined) continue;
      verdict = verifyEd25519(key as never, prefix, body, signature);
    } else if (count === 1) {
      // One signature to check: each backend's own fastest comparison (see hmacEquals).
      verdict = hmacEquals(key as never, prefix, body, entry, scheme.encoding);
    } else {
      // Several: the MAC is computed once per secret and compared with each entry, so that a long header
      // cannot multiply the hashing of a large body.
      if (search.macKey !== keyIndex || search.macAlgorithm !== algorithm) {
        const computed = hmac(key as never, prefix, body, scheme.encoding);
        if (typeof computed !== 'string') {
          return Promise.resolve(computed).then((mac) => match(remember(search, mac, keyIndex, algorithm)));
        }
        remember(search, computed, keyIndex, algorithm);
      }
      verdict = same(search.mac, entry.source, entry.start, entry.end);
    }
    const delivery = { id, timestamp, version, keyIndex };
    // Tested as a thenable, never with instanceof: a promise from another realm (a VM sandbox's WebCrypto)
    // is an object, and an object is truthy.
    if (isPromiseLike(verdict)) {
      return Promise.resolve(verdict).then((ok) => (ok === true ? delivery : match(skip(search))));
    }
    if (verdict === true) return delivery;
  }
  throw new WebhookError(
    'no_matching_signature',
    `Expected a ${scheme.signatureHeaders[0]} matching this body and secret, found none: verify the raw body as received.`,
  );
}

function skip(search: Search): Search {
  search.next++;
  return search;
}
