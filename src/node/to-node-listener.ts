import type { ServerResponse } from 'node:http';
import { createWebhookHandler } from '../receive/create-webhook-handler.js';
import type { WebhookHandlerOptions } from '../receive/handler-types.js';
import { type NodeRequest, requestFromNode } from './request-from-node.js';

/**
 * A `node:http` request listener, which is also an Express middleware: `(req, res) => void`.
 *
 * @example
 * ```ts
 * import type { NodeListener } from 'bwell-webhooks/node';
 *
 * const ignore: NodeListener = (_req, res) => res.end();
 * ```
 */
export type NodeListener = (req: NodeRequest, res: ServerResponse) => void;

/**
 * Serves a webhook handler to Node: as a `node:http` listener, or as Express middleware with no body parser
 * in front of it (`app.post('/webhook', listener)`). The body is streamed to the handler with its byte cap
 * enforced while streaming; a Buffer that `express.raw()` already read is used as is; a body a parser turned
 * into an object is refused with a 500 and a TypeError explaining the fix, reported to `onError`.
 *
 * @param handler - The options of {@link "bwell-webhooks"!createWebhookHandler}, or a handler it made.
 * @returns The listener. It never throws; every answer comes from the handler.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeListener } from 'bwell-webhooks/node';
 *
 * const listener = toNodeListener({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   on: { 'user-delete-completed': async (event) => console.log(event.person.id) },
 * });
 * createServer(listener).listen(3000);
 * ```
 */
export function toNodeListener(
  handler: WebhookHandlerOptions | ((request: Request) => Promise<Response>),
): NodeListener {
  const handle = typeof handler === 'function' ? handler : createWebhookHandler(handler);
  return (req, res) => {
    // Writing the answer failed (the client left, or another middleware answered first): nothing is left to
    // tell anyone, and nothing here prints.
    respond(req, res, handle).catch(() => res.destroy());
  };
}

async function respond(req: NodeRequest, res: ServerResponse, handle: (request: Request) => Promise<Response>) {
  let response: Response;
  try {
    response = await handle(requestFromNode(req));
  } catch {
    // Only a handler not made by createWebhookHandler can get here; the sender retries a 500.
    response = new Response(null, { status: 500 });
  }
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  // A body left unread (refused over the cap, or never needed) is not drained: the connection closes instead.
  if (!req.complete) headers.connection = 'close';
  res.writeHead(response.status, headers);
  res.end(body);
}
