/**
 * One Fetch API handler that receives b.well's webhooks end to end: reads the body under a cap, verifies,
 * parses, runs each delivery's handler once, and answers with a FHIR acknowledgement.
 *
 * @module
 */
import { isWebhookError, WebhookError, type WebhookErrorCode } from '../errors.js';
import type { EventDefinition } from '../events/event-definition.js';
import { registryOf } from '../events/registry.js';
import { DEFAULT_MAX_BYTES } from '../parse/limits.js';
import { type ParsedEvent, parseEvent } from '../parse/parse-event.js';
import { standardWebhooks } from '../verify/scheme.js';
import { mistake as fail, readSecrets } from '../verify/secrets.js';
import { type VerifiedDelivery, verifySignature } from '../verify/verify-signature.js';
import { acknowledges } from './acknowledges.js';
import { createAcknowledgement } from './create-acknowledgement.js';
import { failing, processingFailed, settle } from './failures.js';
import type { WebhookContext, WebhookHandlerOptions } from './handler-types.js';
import { memoryStore } from './memory-store.js';
import { readBody } from './read-body.js';
import { RECEIVE_RESPONSES } from './responses.js';

/**
 * Creates a `(request: Request) => Promise<Response>` that receives b.well's webhooks: it serves as is in
 * Hono, Next.js route handlers, Cloudflare Workers, `Deno.serve` and `Bun.serve` (and in Node through
 * `bwell-webhooks/node`). Each delivery is verified, parsed, given to the handler for its type at most once
 * (however often it is retried), and answered as {@link RECEIVE_RESPONSES} says.
 *
 * @param options - The secret, the handlers by event type, and optional limits, store and clock.
 * @returns The handler. It never throws and never prints: errors become statuses and `onError` calls.
 * @throws TypeError at creation for a missing or malformed secret or limit.
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from 'bwell-webhooks';
 *
 * export const POST = createWebhookHandler({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   on: {
 *     'user-delete-completed': async (event) => console.log('delete', event.externalIdentifier?.value),
 *     'data-export-completed': async (event) => console.log('download', event.downloadUrl),
 *   },
 *   onError: (error) => console.warn(error.code),
 * });
 * ```
 */
export function createWebhookHandler<const E extends readonly EventDefinition[] = readonly []>(
  options: WebhookHandlerOptions<E>,
): (request: Request) => Promise<Response> {
  const { secret, scheme = standardWebhooks, toleranceSeconds, on = {}, onUnknown, onError, events } = options;
  const registry = registryOf(events, 'createWebhookHandler');
  // The caller's mistakes surface now, at start-up, rather than as a 500 on the first delivery.
  readSecrets(secret, scheme.secretEncoding === 'utf8');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!(Number.isSafeInteger(maxBytes) && maxBytes >= 0)) mistake('maxBytes must be a whole number of bytes >= 0');
  const tolerance = toleranceSeconds ?? 300;
  const { past, future } = typeof tolerance === 'number' ? { past: tolerance, future: tolerance } : tolerance;
  if (!(past >= 0 && future >= 0 && Number.isFinite(past + future))) mistake('toleranceSeconds must be finite, >= 0');
  // Records outlive the signature tolerance: a replay of a signed delivery is refused either way.
  const ttlMs = 2000 * Math.max(past, future, 1);
  const store = options.idempotency ?? memoryStore();
  const clock = options.now ?? Date.now;

  async function receive(request: Request, now: Date | number, state: State): Promise<void> {
    if (request.method !== 'POST') {
      throw new WebhookError('method_not_allowed', `Expected a POST, found ${excerptMethod(request.method)}.`);
    }
    const payload = await readBody(request, maxBytes);
    const { headers } = request;
    const delivery = await verifySignature({ payload, headers, secret, toleranceSeconds, now, maxBytes, scheme });
    state.delivery = delivery;
    const event: ParsedEvent<E> = parseEvent(payload, { maxBytes, events });
    state.event = event;
    const claim = await failing('the idempotency store', () => store.claim(delivery.id, ttlMs));
    if (claim === 'in-flight') {
      throw new WebhookError('delivery_in_flight', 'This delivery is being processed by another request; retry later.');
    }
    if (claim === 'claimed') {
      const context: WebhookContext = { delivery, request };
      try {
        await failing(`the ${event.type} handler`, () => run(event, context));
      } catch (error) {
        // Released so that the sender's retry runs the handler again: nothing is lost.
        await report(await settle('releasing the claim', () => store.release(delivery.id)), request, delivery);
        throw error;
      }
      // The work is done: a store that fails to record it must not turn the answer into a retry.
      await report(await settle('recording the delivery', () => store.complete(delivery.id, ttlMs)), request, delivery);
    }
  }

  function run(event: ParsedEvent<E>, context: WebhookContext): unknown {
    if (event.type === 'unknown') return onUnknown?.(event as Extract<ParsedEvent, { type: 'unknown' }>, context);
    const handlers = on as Record<string, ((event: ParsedEvent<E>, context: WebhookContext) => unknown) | undefined>;
    const handler = handlers[event.type];
    return handler?.(event, context);
  }

  async function report(error: WebhookError | undefined, request: Request, delivery: VerifiedDelivery | undefined) {
    if (error === undefined || onError === undefined) return;
    const status = RECEIVE_RESPONSES[error.code].status;
    // What onError throws is dropped: the answer must not depend on the logger, and nothing here prints.
    await settle('onError', () => onError(error, { status, request, delivery }));
  }

  return async (request) => {
    const now = clock();
    const state: State = {};
    let code: WebhookErrorCode | 'ok' = 'ok';
    try {
      await receive(request, now, state);
    } catch (caught) {
      const error = isWebhookError(caught) ? caught : processingFailed('receiving the delivery', caught);
      code = error.code;
      await report(error, request, state.delivery);
    }
    const { status } = RECEIVE_RESPONSES[code];
    const { event, delivery } = state;
    if (!acknowledges(event && registry.byType(event.type)?.definition, code === 'ok')) {
      return new Response(null, { status, headers: status === 405 ? { allow: 'POST' } : {} });
    }
    const header = event?.messageHeader;
    const url = new URL(request.url);
    const acknowledgement = createAcknowledgement({
      identifier: event?.bundle?.id ?? header?.id ?? delivery?.id ?? 'unknown',
      source: header?.destination?.[0]?.endpoint ?? `${url.origin}${url.pathname}`,
      destination: header?.source.endpoint,
      error: code === 'ok' ? undefined : code,
      timestamp: new Date(now),
    });
    const headers: Record<string, string> = { 'content-type': 'application/fhir+json' };
    if (status === 405) headers.allow = 'POST';
    return new Response(JSON.stringify(acknowledgement), { status, headers });
  };
}

/** What is known of a delivery so far, for the answer. */
interface State {
  delivery?: VerifiedDelivery;
  event?: ParsedEvent<readonly EventDefinition[]>;
}

const mistake = (what: string): never => fail(`createWebhookHandler: ${what}`);

const excerptMethod = (method: string) => (method.length <= 16 ? method : `${method.slice(0, 16)}…`);
