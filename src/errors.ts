/**
 * The error model: one {@link WebhookError} class whose `code` is a stable string that callers can
 * `switch` on, and a `pointer` to the offending value where one is at fault.
 *
 * @module
 */

/**
 * Every code a {@link WebhookError} can carry. The list only grows; a code never changes meaning.
 *
 * @example
 * ```ts
 * import { WEBHOOK_ERROR_CODES } from 'bwell-webhooks';
 *
 * WEBHOOK_ERROR_CODES.includes('invalid_json'); // true
 * ```
 */
export const WEBHOOK_ERROR_CODES = [
  // Reading the body
  'payload_too_large',
  'invalid_json',
  // Its FHIR shape
  'not_a_message',
  'missing_field',
  'invalid_field',
  'unknown_event',
  // Its signature
  'payload_not_raw',
  'missing_header',
  'invalid_header',
  'timestamp_too_old',
  'timestamp_too_new',
  'no_matching_signature',
  // Receiving (createWebhookHandler): why a delivery got no 200
  'method_not_allowed',
  'delivery_in_flight',
  'processing_failed',
  // The idempotency store could not take the delivery now: full of live records, or slower than storeTimeoutMs
  'store_full',
  'store_timeout',
  // Receiving: the body never reached the receiver as bytes (issue 14, issue 13)
  'body_already_read',
  'body_timeout',
  // FHIR conformance (issue 11): a modifier the receiver does not understand; issues under validation: 'strict'
  'unknown_modifier',
  'nonconformant_message',
  // Its meaning: the message names its person (or another focus) in two ways that disagree
  'conflicting_person',
] as const;

/**
 * Why a webhook delivery was refused: a member of {@link WEBHOOK_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { WebhookErrorCode } from 'bwell-webhooks';
 *
 * const retryable: WebhookErrorCode[] = [];
 * ```
 */
export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];

/**
 * Options for the {@link WebhookError} constructor.
 *
 * @example
 * ```ts
 * import { WebhookError, type WebhookErrorOptions } from 'bwell-webhooks';
 *
 * const options: WebhookErrorOptions = { pointer: '/source/endpoint' };
 * throw new WebhookError('missing_field', 'source.endpoint is required', options);
 * ```
 */
export interface WebhookErrorOptions {
  /** The RFC 6901 JSON pointer of the offending value inside the payload (`""` is the whole document). */
  readonly pointer?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

// A registry-wide symbol, so that a WebhookError made by another copy of this package (a second bundle,
// another realm) is still recognised by isWebhookError().
const brand = Symbol.for('bwell-webhooks.WebhookError');

/**
 * A webhook delivery was refused: bad bytes, bad FHIR, a bad signature. Its `code` says why, its
 * `pointer` (when set) says where, and its message never contains a secret, a signature or a whole body.
 *
 * Mistakes by the caller (no secret, a secret that is not base64) are `TypeError`s instead.
 *
 * @example
 * ```ts
 * import { parseEvent, WebhookError } from 'bwell-webhooks';
 *
 * try {
 *   parseEvent('{"resourceType":"Patient"}');
 * } catch (error) {
 *   if (error instanceof WebhookError) console.log(error.code, error.pointer); // not_a_message /resourceType
 * }
 * ```
 */
export class WebhookError extends Error {
  /** Why the delivery was refused. */
  readonly code: WebhookErrorCode;
  /** The JSON pointer of the offending value, when one value is at fault. */
  readonly pointer: string | undefined;

  /**
   * @param code - Why the delivery was refused.
   * @param message - What was expected and what was found; never a secret or a whole body.
   * @param options - The pointer and cause.
   */
  constructor(code: WebhookErrorCode, message: string, options: WebhookErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebhookError';
    this.code = code;
    this.pointer = options.pointer;
    Object.defineProperty(this, brand, { value: true });
  }
}

/**
 * Tells whether a value is a {@link WebhookError}, including one thrown by another copy of this package
 * or from another realm, where `instanceof` fails.
 *
 * @param value - Anything caught.
 * @returns `true` when `value` is a WebhookError.
 *
 * @example
 * ```ts
 * import { isWebhookError, safeParseEvent } from 'bwell-webhooks';
 *
 * const result = safeParseEvent('not json');
 * if (!result.success && isWebhookError(result.error)) console.log(result.error.code); // invalid_json
 * ```
 */
export function isWebhookError(value: unknown): value is WebhookError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
