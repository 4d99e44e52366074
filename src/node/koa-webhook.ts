import type { ServerResponse } from 'node:http';
import type { EventDefinition } from '../events/event-definition.js';
import type { HandledType, WebhookHandlerOptions } from '../receive/handler-types.js';
import { createReceiver, type IncomingDelivery } from '../receive/receive-delivery.js';
import { KOA_FIX } from './node-fixes.js';
import type { NodeRequest } from './request-from-node.js';
import { readIncoming } from './to-node-listener.js';

/**
 * The part of a Koa context that {@link koaWebhook} uses, typed here so that this package needs no Koa types:
 * a Koa 2 or 3 `ctx` fits.
 *
 * @example
 * ```ts
 * import type { KoaContextLike } from 'bwell-webhooks/node';
 *
 * const path = (ctx: KoaContextLike) => ctx.req.url;
 * ```
 */
export interface KoaContextLike {
  /** Node's request. */
  readonly req: NodeRequest;
  /** Node's response, to tell whether its body was left unread. */
  readonly res: ServerResponse;
  /** Koa's request: a body parser leaves `body` and, for the types it parsed, `rawBody` here. */
  readonly request: {
    /** What a body parser made of the body. */
    readonly body?: unknown;
    /** The raw text of the body, which `@koa/bodyparser` keeps for what it parses. */
    readonly rawBody?: unknown;
  };
  /** The status to answer. */
  status: number;
  /** The body to answer. */
  body: unknown;
  /** Sets answer headers. */
  set(field: Record<string, string>): void;
}

/**
 * Makes a Koa middleware that receives webhooks: mount it on the webhook's path (`router.post('/webhook',
 * webhook)`, or a path check of your own). It reads the raw body from the stream under the byte cap and
 * `bodyTimeoutMs`; behind a global `bodyParser()` it uses the raw text the parser keeps
 * (`ctx.request.rawBody`); a body consumed with nothing kept is answered 500 `body_already_read`, with the
 * fix in the message. The answer goes through Koa (`ctx.status`, `ctx.body`), so your other middleware sees it.
 *
 * @param options - The options of {@link "bwell-webhooks"!createWebhookHandler}.
 * @returns The middleware; it answers every request it is given and never calls `next`.
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import { koaWebhook } from 'bwell-webhooks/node';
 *
 * const webhook = koaWebhook({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   on: { 'user-delete-completed': (event) => console.log(event.person.id) },
 *   ignore: ['data-export-completed'],
 * });
 * const app = new Koa();
 * app.use((ctx, next) => (ctx.path === '/webhook' ? webhook(ctx) : next()));
 * ```
 */
export function koaWebhook<
  Ignored extends HandledType<E> = never,
  const E extends readonly EventDefinition[] = readonly [],
>(options: WebhookHandlerOptions<Ignored, E>): (ctx: KoaContextLike) => Promise<void> {
  const receive = createReceiver(options);
  return async (ctx) => {
    const { request } = ctx;
    const left = () => ({ raw: request.rawBody, parsed: request.body, fix: KOA_FIX });
    const incoming = await new Promise<IncomingDelivery>((ready) => readIncoming(receive, ctx.req, left, ready));
    const answer = await receive(incoming);
    const { headers } = answer;
    if (!ctx.req.complete) headers.connection = 'close';
    ctx.status = answer.status;
    ctx.set(headers);
    ctx.body = answer.body;
  };
}
