/**
 * bwell-webhooks/node: serve {@link "bwell-webhooks"!createWebhookHandler} in Node's own HTTP layers. A `node:http` listener
 * that doubles as Express middleware, and a Fastify plugin, both reading the raw body themselves under the
 * byte cap.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { toNodeListener } from 'bwell-webhooks/node';
 *
 * const app = express();
 * app.post('/webhook', toNodeListener({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }));
 * ```
 *
 * @module bwell-webhooks/node
 */

export type { FastifyLike, FastifyWebhookPlugin } from './fastify-webhook.js';
export { fastifyWebhook } from './fastify-webhook.js';
export type { NodeRequest } from './request-from-node.js';
export type { NodeListener } from './to-node-listener.js';
export { toNodeListener } from './to-node-listener.js';
