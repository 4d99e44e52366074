// The receiving core: one delivery in (method, URL, headers, body bytes), one answer out (status, headers,
// body text). Every shell (the Fetch handler, node:http and Express, Fastify, Koa, Lambda) is a thin layer
// that turns its platform's request into an IncomingDelivery and writes the answer in its own shape, so the
// core builds no Fetch object per delivery. Internal: createWebhookHandler is its public face.

import { isWebhookError, WebhookError } from '../errors.js';
import type { EventDefinition } from '../events/event-definition.js';
import { registryOf } from '../events/registry.js';
import type { UnknownEvent } from '../events/types.js';
import { payloadTooLarge } from '../lib/fail.js';
import { isPromiseLike } from '../lib/promise-like.js';
import { DEFAULT_MAX_BYTES } from '../parse/limits.js';
import { type ParseOptions, parseEvent } from '../parse/parse-event.js';
import type { HeadersInput } from '../verify/headers.js';
import { standardWebhooks } from '../verify/scheme.js';
import { mistake as fail, readSecrets } from '../verify/secrets.js';
import { checkSignature, type VerifiedDelivery } from '../verify/verify-signature.js';
import { after, type Maybe } from './after.js';
import { answerBuilder } from './build-answer.js';
import { checkHandlers } from './check-handlers.js';
import { deliveryKey } from './delivery-key.js';
import { type AnyEvent, DeliveryState } from './delivery-state.js';
import { processingFailed, settle } from './failures.js';
import type { HandledType, WebhookContext, WebhookHandlerOptions } from './handler-types.js';
import type { ClaimResult } from './idempotency-store.js';
import { ErrorContext, HandlerContext, IssuesContext } from './received-request.js';
import { RECEIVE_RESPONSES } from './responses.js';
import { storeAndClock } from './store-and-clock.js';

/** What a shell reads the body under: the byte cap and the deadline for the whole body. */
export interface BodyLimits {
  readonly maxBytes: number;
  /** Milliseconds; `Infinity` sets no deadline of ours. */
  readonly timeoutMs: number;
}

/** One delivery as a shell hands it over. */
export interface IncomingDelivery {
  readonly method: string;
  /** Absolute, as the HTTP layer reports it; parsed only if the answer needs its origin and path. */
  readonly url: string;
  readonly headers: HeadersInput;
  /**
   * The body's bytes, or how to read them: called at most once, after the method is checked, and expected to
   * throw (or reject with) a WebhookError for a body over the cap, too slow, or already read by someone else.
   */
  readonly body: Uint8Array | ((limits: BodyLimits) => Uint8Array | Promise<Uint8Array>);
  /** The Fetch Request, on shells that have one. */
  readonly request?: Request | undefined;
}

/** The answer, for the shell to write. */
export interface ReceiverAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * The core of one receiver: the answer at once when every step was synchronous (a body already in bytes,
 * node:crypto, a synchronous store and handler), else a promise of it. It never throws.
 */
export interface Receiver {
  (incoming: IncomingDelivery): Maybe<ReceiverAnswer>;
  /** What the body is read under, for shells that read it before calling the core. */
  readonly limits: BodyLimits;
}

const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** Checks the options once (the caller's mistakes are TypeErrors now, not 500s later) and returns the core. */
export function createReceiver<Ignored extends HandledType<E>, E extends readonly EventDefinition[]>(
  options: WebhookHandlerOptions<Ignored, E>,
): Receiver {
  const { secret, scheme = standardWebhooks, toleranceSeconds, onUnknown, onError, onIssues } = options;
  readSecrets(secret, scheme.secretEncoding === 'utf8');
  // The built-in events and the caller's, checked once (two definitions of one event are a TypeError now).
  const registry = registryOf(options.events, 'createWebhookHandler');
  const handlers = checkHandlers(options.on, options.ignore, registry.events);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(Number.isSafeInteger(maxBytes) && maxBytes >= 0)) mistake('maxBytes must be a whole number of bytes >= 0');
  const timeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (!(timeoutMs > 0)) mistake('bodyTimeoutMs must be a number of milliseconds > 0 (or Infinity)');
  const tolerance = toleranceSeconds ?? 300;
  const window = typeof tolerance === 'number' ? { past: tolerance, future: tolerance } : tolerance;
  if (!(window.past >= 0 && window.future >= 0 && Number.isFinite(window.past + window.future))) {
    mistake('toleranceSeconds must be finite, >= 0');
  }
  const { store, clock, ttlMs } = storeAndClock(options, window);
  // Every parse option the receiver was given flows to parseEvent as one object, made once.
  const parseOptions: ParseOptions<E> = { ...options, maxBytes };
  const limits: BodyLimits = { maxBytes, timeoutMs };
  const answerOf = answerBuilder(registry);

  // The steps of one delivery, in order. Each takes the delivery's state and returns when it is done, or a
  // promise when it waits on something; a refusal is thrown (or rejected) as a WebhookError.
  function start(state: DeliveryState): Maybe<void> {
    const { incoming } = state;
    if (incoming.method !== 'POST') {
      throw new WebhookError('method_not_allowed', `Expected a POST, found ${excerpt(incoming.method)}.`);
    }
    const { body } = incoming;
    return after(typeof body === 'function' ? body(limits) : body, state, verify);
  }

  function verify(state: DeliveryState, payload: Uint8Array): Maybe<void> {
    if (payload.byteLength > maxBytes) throw payloadTooLarge(maxBytes, `${payload.byteLength}`);
    state.payload = payload;
    const { headers } = state.incoming;
    const checked = checkSignature({ payload, headers, secret, toleranceSeconds, now: state.now, maxBytes, scheme });
    return after(checked, state, parse);
  }

  function parse(state: DeliveryState, delivery: VerifiedDelivery): Maybe<void> {
    state.delivery = delivery;
    // The bytes parsed are the bytes verified: the same `payload`, and nothing ran in between when the check
    // was synchronous (a shell that hands over bytes someone else may hold copies them first, see read-body.ts).
    state.event = parseEvent(state.payload, parseOptions);
    return after(deliveryKey(scheme, delivery, state.payload), state, claim);
  }

  function claim(state: DeliveryState, key: string): Maybe<void> {
    state.key = key;
    // The guarded store answers one of the three results or throws a WebhookError with its status.
    return after(store.claim(key, ttlMs), state, claimed);
  }

  function claimed(state: DeliveryState, result: ClaimResult): Maybe<void> {
    if (result === 'in-flight') {
      throw new WebhookError('delivery_in_flight', 'This delivery is being processed by another request; retry later.');
    }
    if (result !== 'claimed') return;
    const event = state.event as AnyEvent;
    if (onIssues !== undefined && event.issues.length > 0) {
      // Once per processed delivery, before its handler; like onError's, what it throws is dropped: reporting
      // must not decide the answer.
      const context = new IssuesContext(state.incoming, state.delivery as VerifiedDelivery, event);
      return settle('onIssues', () => onIssues(event.issues, context)).then(() => handle(state));
    }
    return handle(state);
  }

  function handle(state: DeliveryState): Maybe<void> {
    let done: unknown;
    try {
      done = run(state.event as AnyEvent, new HandlerContext(state.incoming, state.delivery as VerifiedDelivery));
    } catch (error) {
      return failed(state, error);
    }
    // Waited for only when it is a thenable: many handlers answer synchronously.
    if (!isPromiseLike(done)) return complete(state);
    return Promise.resolve(done).then(
      () => complete(state),
      (error: unknown) => failed(state, error),
    );
  }

  function complete(state: DeliveryState): Maybe<void> {
    // The work is done: a store that fails to record it must not turn the answer into a retry.
    return after(store.complete(state.key, ttlMs), state, report);
  }

  function failed(state: DeliveryState, error: unknown): Maybe<never> {
    // Released so that the sender's retry runs the handler again: nothing is lost.
    const rethrow = () => {
      throw processingFailed(`the ${(state.event as AnyEvent).type} handler`, error);
    };
    return after(store.release(state.key), state, (_, released) => after(report(state, released), state, rethrow));
  }

  function run(event: AnyEvent, context: WebhookContext): unknown {
    // A user-defined event can never be called 'unknown' (defineEvent refuses it), so this is the unknown event.
    if (event.type === 'unknown') return onUnknown?.(event as UnknownEvent, context);
    const handler = handlers.get(event.type) as ((event: AnyEvent, context: WebhookContext) => unknown) | undefined;
    return handler?.(event, context);
  }

  function report(state: DeliveryState, error: WebhookError | undefined): Maybe<void> {
    if (error === undefined) return;
    const { status } = RECEIVE_RESPONSES[error.code];
    if (onError === undefined) {
      // The one place below the CLI that prints: a 5xx with nobody listening is a set-up mistake that b.well
      // retries forever, and silence would hide it. 4xx are the sender's problem, and stay quiet.
      if (status >= 500) console.error(`bwell-webhooks: answered ${status} ${error.code}: ${error.message}`);
      return;
    }
    // What onError throws is dropped: the answer must not depend on the logger.
    const context = new ErrorContext(state.incoming, status, state.delivery);
    return settle('onError', () => onError(error, context)).then(() => {});
  }

  function refused(state: DeliveryState, caught: unknown): Maybe<ReceiverAnswer> {
    const error = isWebhookError(caught) ? caught : processingFailed('receiving the delivery', caught);
    return after(report(state, error), state, () => answerOf(state, error.code));
  }

  const accepted = (state: DeliveryState) => answerOf(state, 'ok');

  const receiver = (incoming: IncomingDelivery): Maybe<ReceiverAnswer> => {
    const { now, error: clockError } = clock();
    const state = new DeliveryState(incoming, now);
    let done: Maybe<void>;
    try {
      if (clockError !== undefined) throw clockError;
      done = start(state);
    } catch (caught) {
      return refused(state, caught);
    }
    if (!isPromiseLike(done)) return accepted(state);
    return Promise.resolve(done).then(
      () => accepted(state),
      (caught: unknown) => refused(state, caught),
    );
  };
  return Object.assign(receiver, { limits });
}

const mistake = (what: string): never => fail(`createWebhookHandler: ${what}`);

const excerpt = (method: string) => (method.length <= 16 ? method : `${method.slice(0, 16)}…`);
