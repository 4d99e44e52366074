// Where the receiver's idempotency store and clock come from, and how long records live: the one place the
// core takes them from its options, so that guarding them (a deadline on store calls, checked claim answers,
// a clock that cannot fail) is a change here and nowhere else. Internal.

import type { WebhookHandlerOptions } from './handler-types.js';
import type { IdempotencyStore } from './idempotency-store.js';
import { memoryStore } from './memory-store.js';

/** The store, the clock and the record lifetime of one receiver. */
export interface StoreAndClock {
  readonly store: IdempotencyStore;
  readonly clock: () => Date | number;
  /** How long a record lives: past any replay of a signed delivery that could still be accepted. */
  readonly ttlMs: number;
}

export function storeAndClock(
  options: Pick<WebhookHandlerOptions, 'idempotency' | 'now'>,
  tolerance: { readonly past: number; readonly future: number },
): StoreAndClock {
  return {
    store: options.idempotency ?? memoryStore(),
    clock: options.now ?? Date.now,
    // Records outlive the signature tolerance: a replay of a signed delivery is refused either way.
    ttlMs: 2000 * Math.max(tolerance.past, tolerance.future, 1),
  };
}
