// The receiving core: one delivery in (method, URL, headers, body bytes), one answer out (status, headers,
// body text). Every shell (the Fetch handler, node:http and Express, Fastify, Koa, Lambda) is a thin layer
// that turns its platform's request into an IncomingDelivery and writes the answer in its own shape, so the
// core builds no Fetch object per delivery. Internal: createWebhookHandler is its public face.

import { isWebhookError, WebhookError, type WebhookErrorCode } from '../errors.js';
import type { EventDefinition } from '../events/event-definition.js';
import { registryOf } from '../events/registry.js';
import type { UnknownEvent } from '../events/types.js';
import { payloadTooLarge } from '../lib/fail.js';
import { isFhirId } from '../lib/fhir.js';
import { isPromiseLike } from '../lib/promise-like.js';
import { isAbsoluteUrl } from '../lib/url.js';
import { DEFAULT_MAX_BYTES } from '../parse/limits.js';
import { type ParsedEvent, type ParseOptions, parseEvent } from '../parse/parse-event.js';
import type { HeadersInput } from '../verify/headers.js';
import { standardWebhooks } from '../verify/scheme.js';
import { mistake as fail, readSecrets } from '../verify/secrets.js';
import { checkSignature, type VerifiedDelivery } from '../verify/verify-signature.js';
import { okAcknowledgementText } from './acknowledgement-text.js';
import { acknowledges } from './acknowledges.js';
import { answerHeaders } from './answer-headers.js';
import { checkHandlers } from './check-handlers.js';
import { createAcknowledgement } from './create-acknowledgement.js';
import { deliveryKey } from './delivery-key.js';
import { processingFailed, settle } from './failures.js';
import type { HandledType, WebhookContext, WebhookHandlerOptions } from './handler-types.js';
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

/** The core of one receiver. */
export type Receiver = (incoming: IncomingDelivery) => Promise<ReceiverAnswer>;

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

  async function receive(incoming: IncomingDelivery, now: Date | number, state: State): Promise<void> {
    if (incoming.method !== 'POST') {
      throw new WebhookError('method_not_allowed', `Expected a POST, found ${excerpt(incoming.method)}.`);
    }
    const { body } = incoming;
    const payload = typeof body === 'function' ? await body(limits) : body;
    if (payload.byteLength > maxBytes) throw payloadTooLarge(maxBytes, `${payload.byteLength}`);
    const checked = checkSignature({
      payload,
      headers: incoming.headers,
      secret,
      toleranceSeconds,
      now,
      maxBytes,
      scheme,
    });
    const delivery = isPromiseLike(checked) ? await checked : checked;
    state.delivery = delivery;
    const event = parseEvent(payload, parseOptions);
    state.event = event;
    const found = deliveryKey(scheme, delivery, payload);
    const key = typeof found === 'string' ? found : await found;
    // The guarded store answers one of the three results or throws a WebhookError with its status.
    const claim = await store.claim(key, ttlMs);
    if (claim === 'in-flight') {
      throw new WebhookError('delivery_in_flight', 'This delivery is being processed by another request; retry later.');
    }
    if (claim !== 'claimed') return;
    if (onIssues !== undefined && event.issues.length > 0) {
      // Once per processed delivery, before its handler; like onError's, what it throws is dropped: reporting
      // must not decide the answer.
      await settle('onIssues', () => onIssues(event.issues, new IssuesContext(incoming, delivery, event)));
    }
    try {
      // Awaited only when it is a promise: many handlers answer synchronously, and each await is a tick and a
      // promise on every delivery. (The guarded store's calls are always promises: see guard-store.ts.)
      const done = run(event, new HandlerContext(incoming, delivery));
      if (isPromiseLike(done)) await done;
    } catch (error) {
      // Released so that the sender's retry runs the handler again: nothing is lost.
      await report(await store.release(key), incoming, delivery);
      throw processingFailed(`the ${event.type} handler`, error);
    }
    // The work is done: a store that fails to record it must not turn the answer into a retry.
    const recorded = await store.complete(key, ttlMs);
    if (recorded !== undefined) await report(recorded, incoming, delivery);
  }

  function run(event: AnyEvent, context: WebhookContext): unknown {
    // A user-defined event can never be called 'unknown' (defineEvent refuses it), so this is the unknown event.
    if (event.type === 'unknown') return onUnknown?.(event as UnknownEvent, context);
    const handler = handlers.get(event.type) as ((event: AnyEvent, context: WebhookContext) => unknown) | undefined;
    return handler?.(event, context);
  }

  async function report(error: WebhookError | undefined, incoming: IncomingDelivery, delivery?: VerifiedDelivery) {
    if (error === undefined) return;
    const { status } = RECEIVE_RESPONSES[error.code];
    if (onError === undefined) {
      // The one place below the CLI that prints: a 5xx with nobody listening is a set-up mistake that b.well
      // retries forever, and silence would hide it. 4xx are the sender's problem, and stay quiet.
      if (status >= 500) console.error(`bwell-webhooks: answered ${status} ${error.code}: ${error.message}`);
      return;
    }
    // What onError throws is dropped: the answer must not depend on the logger.
    await settle('onError', () => onError(error, new ErrorContext(incoming, status, delivery)));
  }

  return async (incoming) => {
    const { now, error: clockError } = clock();
    const state: State = {};
    let code: WebhookErrorCode | 'ok' = 'ok';
    try {
      if (clockError !== undefined) throw clockError;
      await receive(incoming, now, state);
    } catch (caught) {
      const error = isWebhookError(caught) ? caught : processingFailed('receiving the delivery', caught);
      code = error.code;
      await report(error, incoming, state.delivery);
    }
    const { event, delivery } = state;
    const status = RECEIVE_RESPONSES[code].status;
    // The event's MessageDefinition may ask for no acknowledgement (responseRequired: never, on-error, on-success):
    // the status stays, the body goes.
    if (!acknowledges(event && registry.byType(event.type)?.definition, code === 'ok')) {
      const headers = answerHeaders(code);
      delete headers['content-type'];
      return { status, headers, body: '' };
    }
    const header = event?.messageHeader;
    // What the acknowledgement echoes must itself be valid FHIR: a value the parser only reported (an empty id,
    // a relative endpoint) or a webhook-id that is no FHIR id (`msg_...`) is passed over for the next candidate.
    const identifier = [event?.bundle?.id, header?.id, delivery?.id].find(isId) ?? 'unknown';
    const endpoint = header?.destination?.[0]?.endpoint;
    const source = isUrl(endpoint) ? endpoint : endpointOf(incoming.url);
    const destination = isUrl(header?.source.endpoint) ? header?.source.endpoint : undefined;
    const timestamp = new Date(now);
    const issues = event?.issues;
    // The constant text serves the common answer; an error, or R4 issues carried as warnings, is built whole.
    const body =
      code === 'ok' && (issues === undefined || issues.length === 0)
        ? okAcknowledgementText(identifier, source, destination, timestamp.toISOString())
        : JSON.stringify(
            createAcknowledgement({
              identifier,
              source,
              destination,
              error: code === 'ok' ? undefined : code,
              issues,
              timestamp,
            }),
          );
    return { status, headers: answerHeaders(code), body };
  };
}

/** An event of any receiver: built-in, unknown or user-defined. */
type AnyEvent = ParsedEvent<readonly EventDefinition[]>;

/** What is known of a delivery so far, for the answer. */
interface State {
  delivery?: VerifiedDelivery;
  event?: AnyEvent;
}

const isId = (value: unknown): value is string => typeof value === 'string' && isFhirId(value);
const isUrl = (value: unknown): value is string => typeof value === 'string' && isAbsoluteUrl(value);

/** The endpoint the delivery was posted to: the URL's origin and path (no query), for the answer's source. */
function endpointOf(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    // On Node the URL is made from the Host header, which the sender chose.
    return 'http://localhost/';
  }
}

const mistake = (what: string): never => fail(`createWebhookHandler: ${what}`);

const excerpt = (method: string) => (method.length <= 16 ? method : `${method.slice(0, 16)}…`);
