/**
 * bwell-webhooks/redis: an idempotency store on Redis, shared by every instance of a receiver, for the
 * `redis` (node-redis) and `ioredis` clients.
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from 'bwell-webhooks';
 * import { redisStore } from 'bwell-webhooks/redis';
 * import { Redis } from 'ioredis';
 *
 * const handler = createWebhookHandler({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   idempotency: redisStore(new Redis('redis://127.0.0.1:6379')),
 * });
 * ```
 *
 * @module bwell-webhooks/redis
 */

export type { IoRedisClientLike, NodeRedisClientLike, RedisStoreOptions } from './redis-store.js';
export { redisStore } from './redis-store.js';
