/**
 * The embedded idempotency store: a bounded map in this process's memory.
 *
 * @module
 */
import { WebhookError } from '../errors.js';
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
  /**
   * How many deliveries to remember at most (10,000 by default). A record is never dropped inside its lifetime:
   * when every record is still live, a new delivery is refused with `store_full` (a 503 the sender retries).
   */
  readonly maxEntries?: number;
  /**
   * How long to remember a delivery, in milliseconds (10 minutes by default). The handler asks for its whole
   * verify window (`past + future + 1` seconds of tolerance, 601 s by default), and the longer of the two wins.
   */
  readonly ttlMs?: number;
  /** The clock, in milliseconds since the epoch (`Date.now` by default); tests pass a frozen one. */
  readonly now?: () => number;
}

interface Entry {
  readonly completed: boolean;
  readonly expiresAt: number;
}

// A record is one number: its expiry in epoch milliseconds, negated while the delivery is in flight. Not an
// object per record: records live for minutes, millions may be live at once, and an object (with its boxed
// expiry) per record is what the garbage collector copies and marks, on every delivery. An expiry that is not
// above zero (only a clock at or before 1970 gives one) has no sign to spare, and is kept as an object.
type StoredRecord = number | Entry;

const recordOf = (completed: boolean, expiresAt: number): StoredRecord =>
  expiresAt > 0 ? (completed ? expiresAt : -expiresAt) : { completed, expiresAt };
const expiryOf = (record: StoredRecord) => (typeof record === 'number' ? Math.abs(record) : record.expiresAt);
const isCompleted = (record: StoredRecord) => (typeof record === 'number' ? record > 0 : record.completed);

/**
 * Creates an idempotency store in memory: enough for one process (a single server, a Worker isolate), and the
 * default of {@link createWebhookHandler}. Receivers that run as several instances share `redisStore` instead.
 *
 * Only deliveries whose signature verified reach the store, so only the sender can fill it; still, it holds
 * at most `maxEntries` records. Expired records make room; a live one never does, since forgetting it would let
 * a replay inside the window run its handler again: a claim that finds no room throws a `store_full`
 * {@link WebhookError}, which the handler answers with 503 and `Retry-After`.
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
  const entries = new Map<string, StoredRecord>();

  const put = (id: string, completed: boolean, time: number, ttl: number) => {
    // A lifetime that is not a number (NaN) would make the record expired at once: the store's own applies.
    entries.set(id, recordOf(completed, time + Math.max(ttl || 0, ttlMs)));
  };

  return {
    claim(id: string, ttl: number): ClaimResult {
      const time = now();
      const record = entries.get(id);
      if (record !== undefined && expiryOf(record) > time) return isCompleted(record) ? 'completed' : 'in-flight';
      // Full: expired records make room, in one pass (lifetimes differ, so they expire in no fixed order).
      if (entries.size >= maxEntries) {
        for (const [each, other] of entries) if (expiryOf(other) <= time) entries.delete(each);
      }
      if (entries.size >= maxEntries) {
        throw new WebhookError(
          'store_full',
          `The memory store holds ${maxEntries} deliveries still inside their lifetime; retry later.`,
        );
      }
      // The lifetime runs from the claim: the clock is read once for the check and the record.
      put(id, false, time, ttl);
      return 'claimed';
    },
    complete(id: string, ttl: number): void {
      put(id, true, now(), ttl);
    },
    release(id: string): void {
      const record = entries.get(id);
      if (record !== undefined && !isCompleted(record)) entries.delete(id);
    },
  };
}
