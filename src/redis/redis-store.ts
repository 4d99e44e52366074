import { WebhookError } from '../errors.js';
import type { ClaimResult, IdempotencyStore } from '../receive/idempotency-store.js';

// The longest PX Redis takes is about 2^63 ms from now; 2^53 - 1 ms (285,000 years) is written exactly as an
// integer, where a larger number would be sent as "1e+21", which Redis refuses, failing every delivery.
const MAX_PX = Number.MAX_SAFE_INTEGER;

/**
 * A `redis` (node-redis v4 or later) client, as far as {@link redisStore} uses it.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import type { NodeRedisClientLike } from 'bwell-webhooks/redis';
 *
 * const client: NodeRedisClientLike = createClient();
 * ```
 */
export interface NodeRedisClientLike {
  /** node-redis has it, ioredis does not: how the two are told apart. */
  readonly isOpen: boolean;
  /** Runs a Lua script (node-redis 4+ signature). */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * An `ioredis` client (a `Redis` or a `Cluster`), as far as {@link redisStore} uses it.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import type { IoRedisClientLike } from 'bwell-webhooks/redis';
 *
 * const client: IoRedisClientLike = new Redis();
 * ```
 */
export interface IoRedisClientLike {
  /** Runs a Lua script (ioredis signature). */
  eval(script: string, numberOfKeys: number, ...keysAndArguments: string[]): Promise<unknown>;
}

/**
 * Options of {@link redisStore}.
 *
 * @example
 * ```ts
 * import type { RedisStoreOptions } from 'bwell-webhooks/redis';
 *
 * const options: RedisStoreOptions = { prefix: 'myapp:bwell:', ttlMs: 24 * 60 * 60 * 1000 };
 * ```
 */
export interface RedisStoreOptions {
  /** Prepended to each delivery id to make its key (default `'bwell-webhooks:'`). */
  readonly prefix?: string;
  /**
   * How long to remember a delivery, in milliseconds (10 minutes by default). The handler asks for its whole
   * verify window (`past + future + 1` seconds of tolerance, 601 s by default), and the longer of the two wins.
   */
  readonly ttlMs?: number;
}

// Each script touches one key, so it runs on Redis Cluster too. A record holds the claimer's token while in
// flight and the word `completed` after; SET NX PX makes the claim atomic, GET tells the two states apart.
// A claim that finds its own token was sent twice (a client resends unanswered commands after a reconnect, as
// ioredis does): it is still ours, or the resent claim would hold the delivery in flight until it expired.
const CLAIM = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'claimed' end
local value = redis.call('GET', KEYS[1])
if value == 'completed' then return 'completed' end
if value == ARGV[1] then return 'claimed' end
return 'in-flight'`;
// Ours, or expired (the work is done either way); never a claim someone else made after ours expired.
const COMPLETE = `local value = redis.call('GET', KEYS[1])
if value == ARGV[1] or not value then redis.call('SET', KEYS[1], 'completed', 'PX', ARGV[2]) return 1 end
return 0`;
// Compare and delete: only our own claim, still in flight.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Redis at its `maxmemory` under the `noeviction` policy refuses writes with an OOM error: the store is full, a
 * 503 the sender retries, rather than a 500. (A policy that evicts would drop live records: use `noeviction`.)
 */
function full(error: unknown): never {
  if (error instanceof Error && error.message.startsWith('OOM ')) {
    throw new WebhookError('store_full', 'Redis is at its maxmemory and refuses new records; retry later.', {
      cause: error,
    });
  }
  throw error;
}

/**
 * Creates an idempotency store on Redis, for receivers that run as several instances: of concurrent
 * deliveries of one id to any of them, exactly one runs its handler. Works with a connected `redis`
 * (node-redis v4+) or `ioredis` client, told apart by their shape; this package imports neither.
 *
 * @param client - A connected node-redis or ioredis client.
 * @param options - The key prefix and the record lifetime.
 * @returns The store, for `createWebhookHandler({ idempotency })`.
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from 'bwell-webhooks';
 * import { redisStore } from 'bwell-webhooks/redis';
 * import { createClient } from 'redis';
 *
 * const client = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 * const handler = createWebhookHandler({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   idempotency: redisStore(client, { prefix: 'myapp:bwell:' }),
 * });
 * ```
 */
export function redisStore(
  client: NodeRedisClientLike | IoRedisClientLike,
  options: RedisStoreOptions = {},
): IdempotencyStore {
  const { prefix = 'bwell-webhooks:', ttlMs = 600_000 } = options;
  const run: (script: string, key: string, ...args: string[]) => Promise<unknown> =
    'isOpen' in client
      ? (script, key, ...args) => client.eval(script, { keys: [key], arguments: args })
      : (script, key, ...args) => client.eval(script, 1, key, ...args);
  // The token of each claim this store holds, so that it completes or releases only its own.
  const tokens = new Map<string, string>();
  if (!(typeof ttlMs === 'number' && ttlMs > 0)) {
    throw new TypeError('bwell-webhooks: redisStore ttlMs must be a number of milliseconds > 0');
  }
  // Whole milliseconds, at least 1 (Redis refuses PX 0), at most MAX_PX; a lifetime that is not a number is ours.
  const ttl = (asked: number) => String(Math.min(Math.ceil(Math.max(asked || 0, ttlMs)), MAX_PX));

  return {
    async claim(id: string, asked: number): Promise<ClaimResult> {
      const token = `claim:${crypto.randomUUID()}`;
      const result = (await run(CLAIM, prefix + id, token, ttl(asked)).catch(full)) as ClaimResult;
      if (result === 'claimed') tokens.set(id, token);
      return result;
    },
    async complete(id: string, asked: number): Promise<void> {
      const token = tokens.get(id);
      if (token === undefined) return;
      tokens.delete(id);
      await run(COMPLETE, prefix + id, token, ttl(asked));
    },
    async release(id: string): Promise<void> {
      const token = tokens.get(id);
      if (token === undefined) return;
      tokens.delete(id);
      await run(RELEASE, prefix + id, token);
    },
  };
}
