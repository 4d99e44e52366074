// The idempotency store as createWebhookHandler may rely on it: every call bounded by storeTimeoutMs, every
// answer checked, every failure a WebhookError with a defined status. A store is the caller's code (or a
// network away), and a delivery must never end in a rejection, a hang or a silent 200 because of it.
// Internal to createWebhookHandler.

import { isWebhookError, WebhookError, type WebhookErrorCode } from '../errors.js';
import { describeValue } from '../lib/excerpt.js';
import { isPromiseLike } from '../lib/promise-like.js';
import { processingFailed } from './failures.js';
import type { ClaimResult, IdempotencyStore } from './idempotency-store.js';

/** The default of `storeTimeoutMs`: a stalled store answers 503 well within a sender's timeout (10-30 s). */
export const DEFAULT_STORE_TIMEOUT_MS = 3000;

/** Seconds for the `Retry-After` of each 503: when a stalled store or a full one may take deliveries again. */
export const RETRY_AFTER_SECONDS: Partial<Record<WebhookErrorCode, number>> = { store_timeout: 5, store_full: 30 };

// setTimeout fires at once for delays past 2^31 - 1 ms (about 24.8 days): longer is no deadline at all.
const MAX_TIMER_MS = 2 ** 31 - 1;

const RESULTS: readonly unknown[] = ['claimed', 'in-flight', 'completed'] satisfies ClaimResult[];

/** The store's three calls; `complete` and `release` hand back their failure instead of throwing it. */
export interface GuardedStore {
  claim(id: string, ttlMs: number): Promise<ClaimResult>;
  complete(id: string, ttlMs: number): Promise<WebhookError | undefined>;
  release(id: string): Promise<WebhookError | undefined>;
}

export function guardStore(store: IdempotencyStore, timeoutMs: number): GuardedStore {
  // Gives back a claim the store may have made but that nobody will process: one that answered too late, or
  // with something unexpected. Its own failure has nobody left to tell: the claim then expires with its record.
  const giveBack = (id: string) => {
    call(RELEASE, () => store.release(id), timeoutMs).catch(() => {});
  };
  return {
    async claim(id, ttlMs) {
      const answer = await call(
        CLAIM,
        () => store.claim(id, ttlMs),
        timeoutMs,
        (late) => {
          if (late === 'claimed') giveBack(id);
        },
      );
      if (RESULTS.includes(answer)) return answer;
      giveBack(id);
      throw processingFailed(
        'the idempotency store',
        new TypeError(`claim() answered ${describeValue(answer)}, expected 'claimed', 'in-flight' or 'completed'`),
      );
    },
    complete: (id, ttlMs) => settled(call(COMPLETE, () => store.complete(id, ttlMs), timeoutMs)),
    release: (id) => settled(call(RELEASE, () => store.release(id), timeoutMs)),
  };
}

// Each call by its method and by what it does, for messages (those of processing_failed predate the timeout).
const CLAIM = ['claim', 'the idempotency store'] as const;
const COMPLETE = ['complete', 'recording the delivery'] as const;
const RELEASE = ['release', 'releasing the claim'] as const;

const settled = (pending: Promise<unknown>): Promise<WebhookError | undefined> =>
  pending.then(
    () => undefined,
    (error: WebhookError) => error,
  );

/**
 * The store's answer, or a WebhookError: its own `store_full` passes through (a store's way to shed load), a
 * call slower than `timeoutMs` is `store_timeout` (its late answer goes to `late`), anything else it throws is
 * `processing_failed`.
 */
async function call<T>(
  [method, what]: readonly [string, string],
  action: () => T | Promise<T>,
  timeoutMs: number,
  late?: (answer: T) => void,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = action();
    // A synchronous store (the memory store) costs no timer and no tick.
    if (!isPromiseLike(answer) || timeoutMs > MAX_TIMER_MS) return await answer;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        Promise.resolve(answer).then(late, () => {});
        reject(
          new WebhookError(
            'store_timeout',
            `The idempotency store's ${method}() did not answer within ${timeoutMs} ms.`,
          ),
        );
      }, timeoutMs);
    });
    return await Promise.race([answer, deadline]);
  } catch (error) {
    if (isWebhookError(error) && (error.code === 'store_timeout' || error.code === 'store_full')) throw error;
    throw processingFailed(what, error);
  } finally {
    clearTimeout(timer);
  }
}
