import type { ServerResponse } from 'node:http';
import type { EventDefinition } from '../events/event-definition.js';
import type { HandledType, WebhookHandlerOptions } from '../receive/handler-types.js';
import { createReceiver, type Receiver } from '../receive/receive-delivery.js';
import { type LeftBody, readNodeBody } from './node-body.js';
import { leftOf, type NodeRequest, requestFromNode, urlOf } from './request-from-node.js';
import { writeAnswer } from './write-answer.js';

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
 * Serves the receiver to Node: as a `node:http` listener, or as Express (or NestJS) middleware. The body is
 * read from the stream into bytes, under the byte cap and `bodyTimeoutMs`, and the answer written straight
 * to the response: no Fetch object is made per delivery. A Buffer that `express.raw()` read, or NestJS's
 * `rawBody`, is used as is; a body a parser already consumed (a global `express.json()`) is answered 500
 * `body_already_read`, with the fix in the message.
 *
 * @param handler - The options of {@link "bwell-webhooks"!createWebhookHandler}, or a Fetch handler (which is
 * then given a Fetch `Request` per delivery).
 * @returns The listener. It never throws.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeListener } from 'bwell-webhooks/node';
 *
 * const listener = toNodeListener({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   on: {
 *     'user-delete-completed': async (event) => console.log('delete', event.externalIdentifier?.value),
 *     'data-export-completed': async (event) => console.log('download', event.downloadUrl),
 *   },
 * });
 * createServer(listener).listen(3000);
 * ```
 */
export function toNodeListener<
  Ignored extends HandledType<E> = never,
  const E extends readonly EventDefinition[] = readonly [],
>(handler: WebhookHandlerOptions<Ignored, E> | ((request: Request) => Promise<Response>)): NodeListener {
  if (typeof handler === 'function') return fetchListener(handler);
  const receive = createReceiver(handler);
  return (req, res) => {
    // Writing the answer failed (the client left): nothing is left to tell anyone.
    receiveNode(receive, req, () => leftOf(req))
      .then((answer) => writeAnswer(req, res, answer))
      .catch(() => res.destroy());
  };
}

/** One delivery from a Node request through the core. Internal to the Node shells. */
export function receiveNode(receive: Receiver, req: NodeRequest, left: () => LeftBody) {
  return receive({
    method: req.method ?? 'GET',
    url: urlOf(req),
    headers: req.headers,
    body: (limits) => readNodeBody(req, limits, left),
  });
}

function fetchListener(handle: (request: Request) => Promise<Response>): NodeListener {
  return (req, res) => {
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
  const body = await response.text();
  writeAnswer(req, res, { status: response.status, headers: Object.fromEntries(response.headers), body });
}
