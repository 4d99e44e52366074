import type { ServerResponse } from 'node:http';
import type { EventDefinition } from '../events/event-definition.js';
import { isPromiseLike } from '../lib/promise-like.js';
import type { HandledType, WebhookHandlerOptions } from '../receive/handler-types.js';
import {
  createReceiver,
  type IncomingDelivery,
  type Receiver,
  type ReceiverAnswer,
} from '../receive/receive-delivery.js';
import { type LeftBody, leftNodeBody, readable, readNodeStream } from './node-body.js';
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
    readIncoming(receive, req, leftOf, (incoming) => {
      // The core answers every delivery; a throw or rejection here is a bug of ours, and the sender retries.
      let answer: ReturnType<Receiver>;
      try {
        answer = receive(incoming);
      } catch {
        res.destroy();
        return;
      }
      if (!isPromiseLike(answer)) write(req, res, answer);
      else
        answer.then(
          (settled) => write(req, res, settled),
          () => res.destroy(),
        );
    });
  };
}

/** Writes the answer; writing failed only if the client left, and nothing is left to tell anyone then. */
function write(req: NodeRequest, res: ServerResponse, answer: ReceiverAnswer): void {
  try {
    writeAnswer(req, res, answer);
  } catch {
    res.destroy();
  }
}

/**
 * A Node request as the core reads it, handed to `ready` once its body is in: at once when the body need not
 * be read from the stream (not a POST, which the core refuses unread; a body a framework already read; a
 * declared length over the cap), else when the stream ended or its read failed. The core is then called with
 * bytes, and a synchronous store and handler answer in the same turn. Internal to the Node shells.
 */
export function readIncoming(
  receive: Receiver,
  req: NodeRequest,
  left: (req: NodeRequest) => LeftBody,
  ready: (incoming: IncomingDelivery) => void,
): void {
  const { limits } = receive;
  if (req.method !== 'POST' || !readable(req, limits.maxBytes)) {
    ready(new NodeDelivery(req, () => leftNodeBody(req, limits, () => left(req))));
    return;
  }
  readNodeStream(req, limits, (body) => {
    ready(new NodeDelivery(req, body instanceof Uint8Array ? body : thrower(body)));
  });
}

const thrower = (error: Error) => () => {
  throw error;
};

/** What the core reads of a Node request; the URL is made only if something reads it. */
class NodeDelivery implements IncomingDelivery {
  readonly method: string;
  readonly headers: NodeRequest['headers'];
  constructor(
    private readonly req: NodeRequest,
    readonly body: IncomingDelivery['body'],
  ) {
    this.method = req.method ?? 'GET';
    this.headers = req.headers;
  }
  get url(): string {
    return urlOf(this.req);
  }
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
