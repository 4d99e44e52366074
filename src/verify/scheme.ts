/**
 * Signature schemes as data: which headers carry the id, timestamp and signatures, what is signed, and which
 * algorithm each signature version uses. A new scheme is a new object, never a fork of the verifier.
 *
 * @module
 */

/**
 * An algorithm a signature version can use: HMAC with a shared secret, or Ed25519 with a public key.
 *
 * @example
 * ```ts
 * import type { SignatureAlgorithm } from 'bwell-webhooks';
 *
 * const algorithm: SignatureAlgorithm = 'HMAC-SHA-256';
 * ```
 */
export type SignatureAlgorithm = 'HMAC-SHA-256' | 'HMAC-SHA-512' | 'Ed25519';

/**
 * One kind of entry in a signature header: the text it starts with, and its algorithm.
 *
 * @example
 * ```ts
 * import type { SignatureFormat } from 'bwell-webhooks';
 *
 * const v1: SignatureFormat = { version: 'v1', prefix: 'v1,', algorithm: 'HMAC-SHA-256' };
 * ```
 */
export interface SignatureFormat {
  /** The name reported in {@link VerifiedDelivery.version}. */
  readonly version: string;
  /** The text before the encoded signature (`'v1,'`, `'sha256='`, or `''`). */
  readonly prefix: string;
  /** How signatures of this version are made. */
  readonly algorithm: SignatureAlgorithm;
}

/**
 * How a provider signs its deliveries. {@link standardWebhooks} is the default; {@link githubSignatureScheme}
 * builds the GitHub style; any other provider is one more object of this shape.
 *
 * @example
 * ```ts
 * import { type SignatureScheme, standardWebhooks } from 'bwell-webhooks';
 *
 * // A provider that signs like Standard Webhooks under its own header names.
 * const acme: SignatureScheme = {
 *   ...standardWebhooks,
 *   idHeaders: ['acme-id'],
 *   timestampHeaders: ['acme-timestamp'],
 *   signatureHeaders: ['acme-signature'],
 * };
 * ```
 */
export interface SignatureScheme {
  /** Names of the header holding the delivery id, matched in any case; later names are aliases. */
  readonly idHeaders: readonly string[];
  /** Names of the timestamp header (unix seconds); empty when the scheme signs no timestamp. */
  readonly timestampHeaders: readonly string[];
  /** Names of the signature header. */
  readonly signatureHeaders: readonly string[];
  /** What separates the entries of the signature header (`' '`), or `''` when it holds a single entry. */
  readonly separator: string;
  /** The signed content: `{id}`, `{timestamp}` and `{body}` placeholders, with `{body}` last. */
  readonly signedContent: string;
  /** How signatures are encoded in the header. */
  readonly encoding: 'base64' | 'hex';
  /** How string secrets are read: `'base64'` (Standard Webhooks `whsec_`/`whpk_`) or `'utf8'` (the text's bytes). */
  readonly secretEncoding: 'base64' | 'utf8';
  /** The entries this scheme accepts; entries of any other form are skipped, never trusted. */
  readonly formats: readonly SignatureFormat[];
}

/**
 * The Standard Webhooks scheme (https://www.standardwebhooks.com), as used by Svix: `webhook-id`,
 * `webhook-timestamp` and `webhook-signature` (or their `svix-*` names), HMAC-SHA256 `v1` and Ed25519 `v1a`.
 *
 * @example
 * ```ts
 * import { standardWebhooks } from 'bwell-webhooks';
 *
 * standardWebhooks.signatureHeaders; // ['webhook-signature', 'svix-signature']
 * ```
 */
export const standardWebhooks: SignatureScheme = {
  idHeaders: ['webhook-id', 'svix-id'],
  timestampHeaders: ['webhook-timestamp', 'svix-timestamp'],
  signatureHeaders: ['webhook-signature', 'svix-signature'],
  separator: ' ',
  signedContent: '{id}.{timestamp}.{body}',
  encoding: 'base64',
  secretEncoding: 'base64',
  formats: [
    { version: 'v1', prefix: 'v1,', algorithm: 'HMAC-SHA-256' },
    { version: 'v1a', prefix: 'v1a,', algorithm: 'Ed25519' },
  ],
};
