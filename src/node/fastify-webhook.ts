import type { ServerResponse } from 'node:http';
import type { EventDefinition } from '../events/event-definition.js';
import type { HandledType, WebhookHandlerOptions } from '../receive/handler-types.js';
import type { NodeRequest } from './request-from-node.js';
import { toNodeListener } from './to-node-listener.js';

/**
 * The part of a Fastify instance that {@link fastifyWebhook} uses, typed here so that this package needs no
 * Fastify types: a Fastify 4 or 5 instance fits.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import type { FastifyLike } from 'bwell-webhooks/node';
 *
 * const app: FastifyLike = Fastify();
 * ```
 */
export interface FastifyLike {
  /** Drops the JSON parser in the plugin's scope, so the body stays raw. */
  removeAllContentTypeParsers(): void;
  /** Registers the catch-all parser that leaves the body in its stream. */
  addContentTypeParser(
    contentType: string,
    parser: (request: unknown, payload: unknown, done: (error: null, body?: unknown) => void) => void,
  ): void;
  /** Routes every method on the plugin's path, so that the handler answers 405 itself. */
  all(
    path: string,
    handler: (request: { raw: NodeRequest }, reply: { raw: ServerResponse; hijack(): unknown }) => void,
  ): unknown;
}

/**
 * A Fastify plugin (register it, do not call it).
 *
 * @example
 * ```ts
 * import type { FastifyWebhookPlugin } from 'bwell-webhooks/node';
 *
 * const plugins: FastifyWebhookPlugin[] = [];
 * ```
 */
export type FastifyWebhookPlugin = (instance: FastifyLike, options: unknown, done: (error?: Error) => void) => void;

/**
 * Makes a Fastify plugin that receives webhooks at its prefix, for every method (others than POST get 405).
 * Inside its own encapsulated scope it replaces Fastify's body parsers with one that leaves the body unread,
 * so the receiver reads the raw bytes itself under its byte cap and deadline; the rest of your app keeps
 * parsing JSON as before.
 *
 * @param handler - The options of {@link "bwell-webhooks"!createWebhookHandler}, or a handler it made.
 * @returns The plugin, to `register` with a `prefix`.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { fastifyWebhook } from 'bwell-webhooks/node';
 *
 * const app = Fastify();
 * app.register(
 *   fastifyWebhook({
 *     secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *     on: { 'user-delete-completed': (event) => console.log(event.person.id) },
 *     ignore: ['data-export-completed'],
 *   }),
 *   { prefix: '/webhook' },
 * );
 * ```
 */
export function fastifyWebhook<
  Ignored extends HandledType<E> = never,
  const E extends readonly EventDefinition[] = readonly [],
>(handler: WebhookHandlerOptions<Ignored, E> | ((request: Request) => Promise<Response>)): FastifyWebhookPlugin {
  const listener = toNodeListener(handler);
  return (instance, _options, done) => {
    instance.removeAllContentTypeParsers();
    // Any content type, body left in the stream: the signature covers the bytes, not Fastify's reading of them.
    instance.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null));
    instance.all('/', (request, reply) => {
      // Hijacked: the listener writes the answer itself, and Fastify leaves the response alone.
      reply.hijack();
      listener(request.raw, reply.raw);
    });
    done();
  };
}
