/**
 * The GitHub style of signing: an HMAC of the body alone, in one header such as `x-hub-signature-256`.
 *
 * @module
 */
import type { SignatureScheme } from './scheme.js';

/**
 * Options of {@link githubSignatureScheme}; the defaults are GitHub's own.
 *
 * @example
 * ```ts
 * import type { GithubSignatureSchemeOptions } from 'bwell-webhooks';
 *
 * const options: GithubSignatureSchemeOptions = { header: 'x-signature', prefix: '', encoding: 'base64' };
 * ```
 */
export interface GithubSignatureSchemeOptions {
  /** The signature header (default `x-hub-signature-256`). */
  readonly header?: string;
  /** The text before the signature (default `sha256=`, or `sha512=` for SHA-512; `''` for none). */
  readonly prefix?: string;
  /** The HMAC hash (default `SHA-256`). */
  readonly algorithm?: 'SHA-256' | 'SHA-512';
  /** How the signature is written (default `hex`). */
  readonly encoding?: 'hex' | 'base64';
  /** The header holding the delivery id (default `x-github-delivery`). */
  readonly idHeader?: string;
}

/**
 * Builds a scheme for providers that sign the GitHub way: an HMAC of the raw body, keyed with the secret's
 * text, with no signed timestamp (so no replay window: pair it with an idempotency store).
 *
 * @param options - Header names, prefix, hash and encoding, when they differ from GitHub's.
 * @returns A scheme to pass as `scheme` to `verifySignature` or `verifyEvent`.
 *
 * @example
 * ```ts
 * import { githubSignatureScheme, verifySignature } from 'bwell-webhooks';
 *
 * await verifySignature({
 *   payload: 'Hello, World!',
 *   headers: {
 *     'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
 *     'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
 *   },
 *   secret: "It's a Secret to Everybody",
 *   scheme: githubSignatureScheme(),
 * });
 * ```
 */
export function githubSignatureScheme(options: GithubSignatureSchemeOptions = {}): SignatureScheme {
  const { algorithm = 'SHA-256', encoding = 'hex', idHeader = 'x-github-delivery' } = options;
  const bits = algorithm === 'SHA-512' ? '512' : '256';
  const { header = `x-hub-signature-${bits}`, prefix = `sha${bits}=` } = options;
  return {
    idHeaders: [idHeader.toLowerCase()],
    timestampHeaders: [],
    signatureHeaders: [header.toLowerCase()],
    separator: '',
    signedContent: '{body}',
    encoding,
    secretEncoding: 'utf8',
    formats: [{ version: `sha${bits}`, prefix, algorithm: `HMAC-SHA-${bits}` }],
  };
}
