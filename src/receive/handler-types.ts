/**
 * The options of {@link createWebhookHandler} and what its callbacks receive.
 *
 * @module
 */
import type { WebhookError } from '../errors.js';
import type { EventDefinition } from '../events/event-definition.js';
import type { ConformanceIssue, UnknownEvent } from '../events/types.js';
import type { ParsedEvent, ParseOptions } from '../parse/parse-event.js';
import type { SignatureScheme } from '../verify/scheme.js';
import type { WebhookSecret } from '../verify/secrets.js';
import type { VerifiedDelivery, VerifySignatureOptions } from '../verify/verify-signature.js';
import type { IdempotencyStore } from './idempotency-store.js';

/**
 * The request a delivery came in, as every shell can give it: its method, URL and headers, and the Fetch
 * `Request`. The Fetch handler hands over the `Request` it was given; the Node and Lambda shells build none
 * per delivery, and make `headers` and `request` only when first read (the request's body is not readable:
 * use the event).
 *
 * @example
 * ```ts
 * import type { ReceivedRequest } from 'bwell-webhooks';
 *
 * const traceId = (request: ReceivedRequest) => request.headers.get('x-amzn-trace-id') ?? request.url;
 * ```
 */
export interface ReceivedRequest {
  /** The HTTP method, as received. */
  readonly method: string;
  /** The request's URL, as the HTTP layer reports it (on Node, from the Host header and the path). */
  readonly url: string;
  /** The request headers. */
  readonly headers: Headers;
  /** The Fetch `Request` (made on first read outside Fetch runtimes); its body has already been read. */
  readonly request: Request;
}

/**
 * What a handler gets besides its event: the verified delivery (its `id` is the `webhook-id`, the same for
 * every retry) and the request it came in.
 *
 * @example
 * ```ts
 * import type { WebhookContext } from 'bwell-webhooks';
 *
 * const logLine = (context: WebhookContext) => `${context.delivery.id} ${context.method} ${context.url}`;
 * ```
 */
export interface WebhookContext extends ReceivedRequest {
  /** The verified delivery: its `id` is the `webhook-id`, the key for idempotency. */
  readonly delivery: VerifiedDelivery;
}

/**
 * A handler for one known event type, given its own event variant. It may return a promise: the delivery is
 * acknowledged when it settles, and retried when it rejects.
 *
 * @example
 * ```ts
 * import type { EventHandler } from 'bwell-webhooks';
 *
 * const onDelete: EventHandler<'user-delete-completed'> = (event) => console.log(event.person.id);
 * ```
 */
export type EventHandler<T extends HandledType<E>, E extends readonly EventDefinition[] = readonly []> = (
  event: Extract<ParsedEvent<E>, { readonly type: T }>,
  context: WebhookContext,
) => unknown;

/**
 * The event types a receiver has handlers for: the built-in ones and those of the `events` it was given.
 *
 * @example
 * ```ts
 * import type { HandledType } from 'bwell-webhooks';
 *
 * const type: HandledType = 'user-delete-completed';
 * ```
 */
export type HandledType<E extends readonly EventDefinition[] = readonly []> = Exclude<
  ParsedEvent<E>['type'],
  'unknown'
>;

/**
 * One handler per known event type (the built-in ones and the user-defined `E`), except those listed in
 * `Ignored`: derived from the event union, so that an event added to the SDK, or defined by you, does not
 * compile until it has a handler or is ignored.
 *
 * @example
 * ```ts
 * import type { EventHandlers } from 'bwell-webhooks';
 *
 * const on: EventHandlers<'data-export-completed'> = {
 *   'user-delete-completed': (event) => console.log(event.person.id),
 * };
 * ```
 */
export type EventHandlers<
  Ignored extends HandledType<E> = never,
  E extends readonly EventDefinition[] = readonly [],
> = {
  readonly [T in Exclude<HandledType<E>, Ignored>]: EventHandler<T, E>;
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
export interface WebhookErrorContext extends ReceivedRequest {
  /** The HTTP status of the answer (see {@link RECEIVE_RESPONSES}). */
  readonly status: number;
  /** The delivery, when its signature had been verified before the failure. */
  readonly delivery: VerifiedDelivery | undefined;
}

/**
 * What {@link WebhookHandlerOptions.onIssues} gets besides the issues: the delivery, its request and the event.
 *
 * @example
 * ```ts
 * import type { WebhookIssuesContext } from 'bwell-webhooks';
 *
 * const logLine = (context: WebhookIssuesContext) => `${context.delivery.id} ${context.event.type}`;
 * ```
 */
export interface WebhookIssuesContext extends WebhookContext {
  /** The event whose message broke the rules, as its handler gets it. */
  readonly event: ParsedEvent<readonly EventDefinition[]>;
}

/**
 * Options of {@link createWebhookHandler}.
 *
 * @example
 * ```ts
 * import { memoryStore, type WebhookHandlerOptions } from 'bwell-webhooks';
 *
 * const options: WebhookHandlerOptions<'data-export-completed'> = {
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   on: { 'user-delete-completed': (event) => console.log(event.person.id) },
 *   ignore: ['data-export-completed'],
 *   idempotency: memoryStore(),
 * };
 * ```
 */
export interface WebhookHandlerOptions<
  Ignored extends HandledType<E> = never,
  E extends readonly EventDefinition[] = readonly [],
> {
  /** The signing secret (`whsec_...`), or several during a key rotation. */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /**
   * A handler for every event type the SDK knows, except those in `ignore`. A missing one is a type error,
   * and a `TypeError` at creation: a deletion notice acknowledged while nothing ran is a deletion lost.
   */
  readonly on: EventHandlers<Ignored, E>;
  /**
   * Events this SDK does not know yet, each made by `defineEvent`: they are parsed, checked and typed like the
   * built-in ones, need handlers in `on` (or a place in `ignore`), and are acknowledged as their
   * MessageDefinition's `responseRequired` says.
   */
  readonly events?: E | undefined;
  /** Known event types to acknowledge without a handler (each must then be absent from `on`). */
  readonly ignore?: readonly Ignored[];
  /** Runs for a verified event this SDK does not know; the delivery is acknowledged after it. */
  readonly onUnknown?: (event: UnknownEvent, context: WebhookContext) => unknown;
  /**
   * Runs once for every delivery answered with an error status, with a {@link WebhookError} whose `code`
   * gives the row of {@link RECEIVE_RESPONSES} (and whose `cause` is what your handler or store threw).
   * This is where to log. What it throws is ignored. Without it, every 5xx answer (a handler that threw, a
   * store that failed, a body already read) is written once to `console.error` with its code and hint.
   */
  readonly onError?: (error: WebhookError, context: WebhookErrorContext) => unknown;
  /**
   * Runs once per delivery processed whose message breaks R4 rules that do not change its meaning (see
   * {@link ConformanceIssue}), before its handler: the place to report non-conformant b.well messages without
   * touching each handler. A retry of a delivery already processed does not run it again. What it throws is
   * ignored. The acknowledgement also lists the issues, as an OperationOutcome of warnings.
   */
  readonly onIssues?: (issues: readonly ConformanceIssue[], context: WebhookIssuesContext) => unknown;
  /**
   * `'report'` (the default) hands R4 issues to `onIssues` and accepts the delivery; `'strict'` refuses it
   * with 422 `nonconformant_message`. See {@link ParseOptions.validation}.
   */
  readonly validation?: ParseOptions['validation'];
  /** The modifier extension (and implicitRules) URLs your handlers understand; see {@link ParseOptions.understoodModifiers}. */
  readonly understoodModifiers?: ParseOptions['understoodModifiers'];
  /** The largest body accepted, in bytes (default 1 MiB): larger ones get 413 without being read whole. */
  readonly maxBytes?: number;
  /**
   * How long the body may take to arrive, in milliseconds (default 10,000): a slower one is answered 408
   * `body_timeout` and the connection is not kept waiting. `Infinity` leaves the HTTP layer's own limit.
   */
  readonly bodyTimeoutMs?: number;
  /** Accepted clock skew of the signed timestamp, in seconds (default 300). */
  readonly toleranceSeconds?: VerifySignatureOptions['toleranceSeconds'];
  /** Where processed deliveries are recorded (default: a {@link memoryStore} of this handler). */
  readonly idempotency?: IdempotencyStore;
  /**
   * How long one call of the idempotency store may take, in milliseconds (default 3,000): a slower claim is
   * answered 503 `store_timeout` with `Retry-After`, so that a stalled store (Redis paused, a network partition)
   * answers within a sender's timeout instead of holding every delivery. A claim that succeeds too late is
   * released again.
   */
  readonly storeTimeoutMs?: number;
  /** How deliveries are signed (default Standard Webhooks). */
  readonly scheme?: SignatureScheme;
  /** The clock (a `Date` or epoch milliseconds); tests pass a frozen one. */
  readonly now?: () => Date | number;
}
