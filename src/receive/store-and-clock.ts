// Where the receiver's idempotency store and clock come from, and how long records live: the one place the
// core takes them from its options. The store is guarded (a deadline on every call, checked answers, failures
// as WebhookErrors) and the clock cannot fail, so that neither can end a delivery in a rejection, a hang or a
// silent 200. Internal.

import { mistake as fail } from '../verify/secrets.js';
import { DEFAULT_STORE_TIMEOUT_MS, type GuardedStore, guardStore } from './guard-store.js';
import type { WebhookHandlerOptions } from './handler-types.js';
import { memoryStore } from './memory-store.js';
import { type ClockReading, readClock } from './read-clock.js';

/** The store, the clock and the record lifetime of one receiver. */
export interface StoreAndClock {
  readonly store: GuardedStore;
  readonly clock: () => ClockReading;
  /** How long a record lives: past any replay of a signed delivery that could still be accepted. */
  readonly ttlMs: number;
}

export function storeAndClock(
  options: Pick<WebhookHandlerOptions, 'idempotency' | 'now' | 'storeTimeoutMs'>,
  tolerance: { readonly past: number; readonly future: number },
): StoreAndClock {
  const storeTimeoutMs = options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  if (!(typeof storeTimeoutMs === 'number' && storeTimeoutMs > 0)) {
    fail('createWebhookHandler: storeTimeoutMs must be a number of milliseconds > 0');
  }
  const clock = options.now ?? Date.now;
  return {
    store: guardStore(options.idempotency ?? memoryStore(), storeTimeoutMs),
    clock: () => readClock(clock),
    // A record lives as long as a replay of its delivery could verify: a timestamp is accepted from `future`
    // seconds before it to `past` seconds after it, and the clock is floored to the second, which adds one.
    ttlMs: (tolerance.past + tolerance.future + 1) * 1000,
  };
}
