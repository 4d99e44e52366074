/**
 * Verifying a delivery's signature: Standard Webhooks by default, any {@link SignatureScheme} on request.
 *
 * @module
 */
import { WebhookError } from '../errors.js';
import { exceedsBytes, isRawBody, type RawBody } from '../lib/bytes.js';
import { payloadTooLarge } from '../lib/fail.js';
import { DEFAULT_MAX_BYTES } from '../parse/limits.js';
import { asBody, readSignatures, signedPrefix } from './content.js';
import { type HeadersInput, readDelivery } from './headers.js';
import { findMatch } from './match-signature.js';
import { type SignatureScheme, standardWebhooks } from './scheme.js';
import { mistake, readSecrets, type WebhookSecret } from './secrets.js';

/**
 * Options of {@link verifySignature}.
 *
 * @example
 * ```ts
 * import type { VerifySignatureOptions } from 'bwell-webhooks';
 *
 * const options: VerifySignatureOptions = {
 *   payload: '{"resourceType":"Bundle"}',
 *   headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,...' },
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 * };
 * ```
 */
export interface VerifySignatureOptions {
  /** The raw body exactly as received: never a parsed object, never re-serialised. */
  readonly payload: RawBody;
  /** The request headers, as the HTTP layer gives them (`request.headers`, `req.headers`). */
  readonly headers: HeadersInput;
  /** The secret, or several during a key rotation (any may match). */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /** Accepted clock skew in seconds, both ways (default 300), or separately for the past and the future. */
  readonly toleranceSeconds?:
    | number
    | {
        /** How old a delivery may be, in seconds. */
        readonly past: number;
        /** How far ahead of this clock a delivery may be, in seconds. */
        readonly future: number;
      }
    | undefined;
  /** The current time (a `Date` or epoch milliseconds); defaults to the system clock. */
  readonly now?: Date | number | undefined;
  /** The largest body accepted, in bytes (default 1 MiB, inclusive). */
  readonly maxBytes?: number | undefined;
  /** How the provider signs (default {@link standardWebhooks}). */
  readonly scheme?: SignatureScheme | undefined;
}

/**
 * A delivery whose signature checked out.
 *
 * @example
 * ```ts
 * import type { VerifiedDelivery } from 'bwell-webhooks';
 *
 * const seen = (delivery: VerifiedDelivery) => `${delivery.id}@${delivery.timestamp}`;
 * ```
 */
export interface VerifiedDelivery {
  /** The delivery id (`webhook-id`): the same for every retry of one message, the key for idempotency. */
  readonly id: string;
  /** The signed timestamp in unix seconds; for schemes that sign none, the time of verification. */
  readonly timestamp: number;
  /** The version of the matching signature (`'v1'`, `'v1a'`, or the scheme's own). */
  readonly version: string;
  /** Which secret matched: its index in the `secret` array (0 for a single secret). */
  readonly keyIndex: number;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && value >= 0;

/**
 * Checks that a delivery was signed with one of your secrets, recently, over exactly these bytes.
 *
 * It does not parse the body: {@link verifyEvent} verifies and parses in one call.
 *
 * @param options - The raw body, the request headers, the secret(s), and optional tolerance, clock, size
 * limit and scheme.
 * @returns The delivery's id and timestamp, and which signature version and secret matched.
 * @throws WebhookError with code `payload_not_raw`, `payload_too_large`, `missing_header`, `invalid_header`,
 * `timestamp_too_old`, `timestamp_too_new` or `no_matching_signature`; TypeError for a missing or malformed
 * secret or option.
 *
 * @example
 * ```ts
 * import { verifySignature } from 'bwell-webhooks';
 *
 * export default {
 *   async fetch(request: Request): Promise<Response> {
 *     const delivery = await verifySignature({
 *       payload: await request.text(),
 *       headers: request.headers,
 *       secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *     });
 *     return new Response(`verified ${delivery.id}`);
 *   },
 * };
 * ```
 */
export function verifySignature(options: VerifySignatureOptions): Promise<VerifiedDelivery> {
  // Not `async`: a delivery verified synchronously (node:crypto, key already imported) settles without the
  // extra promise and tick an async function costs on every call.
  try {
    return Promise.resolve(checkSignature(options));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * {@link verifySignature}'s work, synchronous when the crypto seam is: a delivery, a promise of one when a key
 * is still being imported or the seam answers with promises (WebCrypto), or a thrown error. The promise is
 * always this realm's own (the seam's are wrapped). Internal: verifyEvent chains its parse on it without an
 * extra tick, and passes the copy of the body it verifies and parses as `payload`.
 */
export function checkSignature(
  options: VerifySignatureOptions,
  payload: unknown = options.payload,
): VerifiedDelivery | Promise<VerifiedDelivery> {
  const { headers, scheme = standardWebhooks, toleranceSeconds = 300, maxBytes = DEFAULT_MAX_BYTES } = options;
  // The caller's mistakes first, as TypeErrors, whatever the request holds.
  const secrets = readSecrets(options.secret, scheme.secretEncoding === 'utf8');
  const past = typeof toleranceSeconds === 'number' ? toleranceSeconds : toleranceSeconds?.past;
  const future = typeof toleranceSeconds === 'number' ? toleranceSeconds : toleranceSeconds?.future;
  // Infinity is refused on purpose: switching replay protection off takes a visible, finite choice.
  if (!(isCount(past) && isCount(future) && Number.isFinite(past + future))) mistake('toleranceSeconds: finite, >= 0');
  const now = Math.floor(Number(options.now ?? Date.now()) / 1000);
  if (!Number.isFinite(now)) mistake('now: a valid Date or epoch milliseconds');
  if (!isCount(maxBytes)) mistake('maxBytes: bytes >= 0');
  if (typeof headers !== 'object' || headers === null) mistake('headers are required');

  if (!isRawBody(payload)) {
    throw new WebhookError(
      'payload_not_raw',
      `Expected the raw body (string or bytes), found ${payload === null ? 'null' : typeof payload}: read it before any JSON parser.`,
    );
  }
  const body = asBody(payload);
  if (exceedsBytes(body, maxBytes)) {
    throw payloadTooLarge(maxBytes);
  }

  const { id, timestamp, timestampText, signatures } = readDelivery(headers, scheme, now, past, future);
  return findMatch({
    scheme,
    secrets,
    entries: readSignatures(scheme, signatures),
    prefix: signedPrefix(scheme, id, timestampText),
    body,
    id,
    timestamp,
  });
}
