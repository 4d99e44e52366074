/**
 * bwell-webhooks/node: serve {@link "bwell-webhooks"!createWebhookHandler}'s receiver in Node's own HTTP
 * layers. A `node:http` listener that doubles as Express and NestJS middleware, a Fastify plugin and a Koa
 * middleware, each reading the raw body itself under the byte cap and the body deadline, and writing the
 * answer with no Fetch objects in between.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { toNodeListener } from 'bwell-webhooks/node';
 *
 * const app = express();
 * app.post(
 *   '/webhook',
 *   toNodeListener({
 *     secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *     on: { 'user-delete-completed': (event) => console.log(event.person.id) },
 *     ignore: ['data-export-completed'],
 *   }),
 * );
 * ```
 *
 * @module bwell-webhooks/node
 */

export type { FastifyLike, FastifyWebhookPlugin } from './fastify-webhook.js';
export { fastifyWebhook } from './fastify-webhook.js';
export type { KoaContextLike } from './koa-webhook.js';
export { koaWebhook } from './koa-webhook.js';
export type { NodeRequest } from './request-from-node.js';
export type { NodeListener } from './to-node-listener.js';
export { toNodeListener } from './to-node-listener.js';
