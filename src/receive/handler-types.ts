/**
 * The options of {@link createWebhookHandler} and what its callbacks receive.
 *
 * @module
 */
import type { WebhookError } from '../errors.js';
import type { EventDefinition } from '../events/event-definition.js';
import type { UnknownEvent } from '../events/types.js';
import type { ParsedEvent } from '../parse/parse-event.js';
import type { SignatureScheme } from '../verify/scheme.js';
import type { WebhookSecret } from '../verify/secrets.js';
import type { VerifiedDelivery, VerifySignatureOptions } from '../verify/verify-signature.js';
import type { IdempotencyStore } from './idempotency-store.js';

/**
 * What a handler gets besides its event: the verified delivery (its `id` is the `webhook-id`, the same for
 * every retry) and the request itself, whose body has already been read.
 *
 * @example
 * ```ts
 * import type { WebhookContext } from 'bwell-webhooks';
 *
 * const logLine = (context: WebhookContext) => `${context.delivery.id} ${context.request.url}`;
 * ```
 */
export interface WebhookContext {
  /** The verified delivery: its `id` is the `webhook-id`, the key for idempotency. */
  readonly delivery: VerifiedDelivery;
  /** The request, whose body has already been read. */
  readonly request: Request;
}

/**
 * One optional handler per known event type (the built-in ones and those of `events`), each given its own event
 * variant: derived from {@link WebhookEvent}, so an event added there appears here with no change. A handler may return a promise;
 * the delivery is acknowledged when it settles, and retried when it rejects.
 *
 * @example
 * ```ts
 * import type { EventHandlers } from 'bwell-webhooks';
 *
 * const on: EventHandlers = {
 *   'data-export-completed': (event) => console.log(event.downloadUrl),
 * };
 * ```
 */
export type EventHandlers<E extends readonly EventDefinition[] = readonly []> = {
  readonly [T in Exclude<ParsedEvent<E>['type'], 'unknown'>]?: (
    event: Extract<ParsedEvent<E>, { readonly type: T }>,
    context: WebhookContext,
  ) => unknown;
};

/**
 * What {@link WebhookHandlerOptions.onError} gets besides the error.
 *
 * @example
 * ```ts
 * import type { WebhookErrorContext } from 'bwell-webhooks';
 *
 * const logLine = (context: WebhookErrorContext) => `${context.status} ${context.delivery?.id ?? '-'}`;
 * ```
 */
export interface WebhookErrorContext {
  /** The HTTP status of the answer (see {@link RECEIVE_RESPONSES}). */
  readonly status: number;
  /** The request that failed; its body may have been read. */
  readonly request: Request;
  /** The delivery, when its signature had been verified before the failure. */
  readonly delivery: VerifiedDelivery | undefined;
}

/**
 * Options of {@link createWebhookHandler}.
 *
 * @example
 * ```ts
 * import { memoryStore, type WebhookHandlerOptions } from 'bwell-webhooks';
 *
 * const options: WebhookHandlerOptions = {
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   on: { 'user-delete-completed': (event) => console.log(event.person.id) },
 *   idempotency: memoryStore(),
 * };
 * ```
 */
export interface WebhookHandlerOptions<E extends readonly EventDefinition[] = readonly []> {
  /** The signing secret (`whsec_...`), or several during a key rotation. */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /**
   * Events this SDK does not know yet, each made by `defineEvent`: they are parsed, checked and typed like the
   * built-in ones, get handlers in `on`, and are acknowledged as their MessageDefinition's `responseRequired` says.
   */
  readonly events?: E | undefined;
  /** The handlers, by event type. A known event without a handler is acknowledged and nothing runs. */
  readonly on?: EventHandlers<E>;
  /** Runs for a verified event this SDK does not know; the delivery is acknowledged after it. */
  readonly onUnknown?: (event: UnknownEvent, context: WebhookContext) => unknown;
  /**
   * Runs once for every delivery answered with an error status, with a {@link WebhookError} whose `code`
   * gives the row of {@link RECEIVE_RESPONSES} (and whose `cause` is what your handler or store threw).
   * The handler never prints: this is where to log. What it throws is ignored.
   */
  readonly onError?: (error: WebhookError, context: WebhookErrorContext) => unknown;
  /** The largest body accepted, in bytes (default 1 MiB): larger ones get 413 without being read whole. */
  readonly maxBytes?: number;
  /** Accepted clock skew of the signed timestamp, in seconds (default 300). */
  readonly toleranceSeconds?: VerifySignatureOptions['toleranceSeconds'];
  /** Where processed deliveries are recorded (default: a {@link memoryStore} of this handler). */
  readonly idempotency?: IdempotencyStore;
  /** How deliveries are signed (default Standard Webhooks). */
  readonly scheme?: SignatureScheme;
  /** The clock (a `Date` or epoch milliseconds); tests pass a frozen one. */
  readonly now?: () => Date | number;
}
