/**
 * One Fetch API handler that receives b.well's webhooks end to end: reads the body under a cap and a deadline,
 * verifies, parses, runs each delivery's handler once, and answers with a FHIR acknowledgement.
 *
 * @module
 */
import type { EventDefinition } from '../events/event-definition.js';
import type { HandledType, WebhookHandlerOptions } from './handler-types.js';
import { readBody } from './read-body.js';
import { createReceiver } from './receive-delivery.js';

/**
 * Creates a `(request: Request) => Promise<Response>` that receives b.well's webhooks: it serves as is in
 * Hono, Next.js route handlers, Cloudflare Workers, `Deno.serve` and `Bun.serve` (and in Node, Lambda, Koa and
 * NestJS through `bwell-webhooks/node` and `bwell-webhooks/aws-lambda`). Each delivery is verified, parsed,
 * given to the handler for its type at most once (however often it is retried), and answered as
 * {@link RECEIVE_RESPONSES} says.
 *
 * @param options - The secret, a handler for every event type (or `ignore`), and optional limits, store and clock.
 * @returns The handler. It never throws: errors become statuses and `onError` calls (or, for a 5xx with no
 * `onError`, one line on `console.error`).
 * @throws TypeError at creation for a missing or malformed secret, limit or handler.
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
export function createWebhookHandler<
  Ignored extends HandledType<E> = never,
  const E extends readonly EventDefinition[] = readonly [],
>(options: WebhookHandlerOptions<Ignored, E>): (request: Request) => Promise<Response> {
  const receive = createReceiver(options);
  return async (request) => {
    const answer = await receive({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: (limits) => readBody(request, limits),
      request,
    });
    // No body at all where the definition asks for no acknowledgement: '' would get Fetch's text/plain.
    return new Response(answer.body === '' ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
}
