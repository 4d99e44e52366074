/**
 * The status table of {@link createWebhookHandler}: for every way a delivery can end, the HTTP status, the
 * FHIR acknowledgement code and the FHIR issue type. docs/receiving.md shows the same table, and a test
 * keeps the two equal.
 *
 * @module
 */
import type { OperationOutcomeIssue } from 'fhir/r4.js';
import type { WebhookErrorCode } from '../errors.js';

/**
 * The `MessageHeader.response.code` of an acknowledgement: `ok`, or an error the sender should retry
 * (`transient-error`) or not (`fatal-error`).
 *
 * @example
 * ```ts
 * import type { AcknowledgementCode } from 'bwell-webhooks';
 *
 * const retry: AcknowledgementCode = 'transient-error';
 * ```
 */
export type AcknowledgementCode = 'ok' | 'transient-error' | 'fatal-error';

/**
 * One row of {@link RECEIVE_RESPONSES}.
 *
 * @example
 * ```ts
 * import type { ReceiveResponse } from 'bwell-webhooks';
 *
 * const conflict: ReceiveResponse = { status: 409, code: 'transient-error', issue: 'conflict' };
 * ```
 */
export interface ReceiveResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The acknowledgement's `response.code`. */
  readonly code: AcknowledgementCode;
  /** The FHIR `OperationOutcome.issue.code` that explains an error; `informational` for `ok`. */
  readonly issue: OperationOutcomeIssue['code'];
}

const ok = { status: 200, code: 'ok', issue: 'informational' } as const;
const unauthorized = { status: 401, code: 'fatal-error', issue: 'security' } as const;
const malformed = { status: 400, code: 'fatal-error', issue: 'invalid' } as const;
const failed = { status: 500, code: 'transient-error', issue: 'exception' } as const;

/**
 * How {@link createWebhookHandler} answers: `ok` for every accepted delivery (handled, unknown, or a
 * duplicate of one already processed), and one row per {@link WebhookErrorCode} for the refused ones.
 * Keyed by every code, so a new code does not compile until it has a row here.
 *
 * @example
 * ```ts
 * import { RECEIVE_RESPONSES } from 'bwell-webhooks';
 *
 * RECEIVE_RESPONSES.no_matching_signature.status; // 401
 * ```
 */
export const RECEIVE_RESPONSES: { readonly [K in WebhookErrorCode | 'ok']: ReceiveResponse } = {
  ok,
  method_not_allowed: { status: 405, code: 'fatal-error', issue: 'not-supported' },
  payload_too_large: { status: 413, code: 'fatal-error', issue: 'too-long' },
  missing_header: unauthorized,
  invalid_header: unauthorized,
  timestamp_too_old: unauthorized,
  timestamp_too_new: unauthorized,
  no_matching_signature: unauthorized,
  invalid_json: malformed,
  not_a_message: malformed,
  missing_field: malformed,
  invalid_field: malformed,
  unknown_event: malformed,
  // Resending the same message cannot settle which person it means: never retried, and told apart from a 400.
  conflicting_person: { status: 422, code: 'fatal-error', issue: 'multiple-matches' },
  delivery_in_flight: { status: 409, code: 'transient-error', issue: 'conflict' },
  // The handler, the store or the receiver's own set-up failed: the sender retries and nothing is lost.
  processing_failed: failed,
  // The handler always passes raw bytes, so this one can only mean a bug on the receiver's side.
  payload_not_raw: failed,
  // The store cannot record the delivery now (full of records still inside their lifetime, or stalled): nothing
  // ran, and the answer carries a Retry-After for the sender.
  store_full: { status: 503, code: 'transient-error', issue: 'throttled' },
  store_timeout: { status: 503, code: 'transient-error', issue: 'timeout' },
  // Something before the receiver (a body parser, a middleware) read the body: a set-up mistake to fix, and
  // the sender's retry succeeds once it is fixed.
  body_already_read: failed,
  // The body did not arrive within bodyTimeoutMs: the sender (or a slow network) may do better next time.
  body_timeout: { status: 408, code: 'transient-error', issue: 'timeout' },
  // Well-formed, but not to be acted on: a modifier the receiver does not understand (R4 extensibility.html),
  // or, under validation: 'strict', a message that breaks R4 rules. Resending the same message cannot help.
  unknown_modifier: { status: 422, code: 'fatal-error', issue: 'extension' },
  nonconformant_message: { status: 422, code: 'fatal-error', issue: 'invalid' },
};
