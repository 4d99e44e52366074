/**
 * The embedded idempotency store: a bounded map in this process's memory.
 *
 * @module
 */
import type { ClaimResult, IdempotencyStore } from './idempotency-store.js';

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * ```ts
 * import type { MemoryStoreOptions } from 'bwell-webhooks';
 *
 * const options: MemoryStoreOptions = { maxEntries: 1000, ttlMs: 24 * 60 * 60 * 1000 };
 * ```
 */
export interface MemoryStoreOptions {
  /** How many deliveries to remember at most (10,000 by default); the oldest records make room. */
  readonly maxEntries?: number;
  /**
   * How long to remember a delivery, in milliseconds (10 minutes by default). The handler asks for at least
   * twice its signature tolerance, and the longer of the two wins.
   */
  readonly ttlMs?: number;
  /** The clock, in milliseconds since the epoch (`Date.now` by default); tests pass a frozen one. */
  readonly now?: () => number;
}

interface Entry {
  completed: boolean;
  expiresAt: number;
}

/**
 * Creates an idempotency store in memory: enough for one process (a single server, a Worker isolate), and the
 * default of {@link createWebhookHandler}. Receivers that run as several instances share `redisStore` instead.
 *
 * Only deliveries whose signature verified reach the store, so only the sender can fill it; still, it holds
 * at most `maxEntries` records and drops the oldest first.
 *
 * @param options - Its size bound, record lifetime and clock.
 * @returns The store.
 *
 * @example
 * ```ts
 * import { createWebhookHandler, memoryStore } from 'bwell-webhooks';
 *
 * const handler = createWebhookHandler({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   idempotency: memoryStore({ maxEntries: 1000 }),
 * });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const { maxEntries = 10_000, ttlMs = 600_000, now = Date.now } = options;
  if (!(Number.isInteger(maxEntries) && maxEntries > 0)) {
    throw new TypeError(`bwell-webhooks: memoryStore maxEntries must be a positive integer, found ${maxEntries}`);
  }
  // Insertion order is age order (a record is re-inserted when it changes), so the oldest is always first.
  const entries = new Map<string, Entry>();

  const put = (id: string, completed: boolean, ttl: number) => {
    entries.delete(id);
    entries.set(id, { completed, expiresAt: now() + Math.max(ttl, ttlMs) });
  };

  return {
    claim(id: string, ttl: number): ClaimResult {
      const entry = entries.get(id);
      if (entry !== undefined && entry.expiresAt > now()) return entry.completed ? 'completed' : 'in-flight';
      put(id, false, ttl);
      for (const [oldest] of entries) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return 'claimed';
    },
    complete(id: string, ttl: number): void {
      put(id, true, ttl);
    },
    release(id: string): void {
      if (entries.get(id)?.completed === false) entries.delete(id);
    },
  };
}
