// The idempotency store as createWebhookHandler may rely on it: every call bounded by storeTimeoutMs, every
// answer checked, every failure a WebhookError with a defined status. A store is the caller's code (or a
// network away), and a delivery must never end in a rejection, a hang or a silent 200 because of it.
// Internal to createWebhookHandler.

import { isWebhookError, WebhookError, type WebhookErrorCode } from '../errors.js';
import { describeValue } from '../lib/excerpt.js';
import { isPromiseLike } from '../lib/promise-like.js';
import type { Maybe } from './after.js';
import { processingFailed } from './failures.js';
import type { ClaimResult, IdempotencyStore } from './idempotency-store.js';

/** The default of `storeTimeoutMs`: a stalled store answers 503 well within a sender's timeout (10-30 s). */
export const DEFAULT_STORE_TIMEOUT_MS = 3000;

/** Seconds for the `Retry-After` of each 503: when a stalled store or a full one may take deliveries again. */
export const RETRY_AFTER_SECONDS: Partial<Record<WebhookErrorCode, number>> = { store_timeout: 5, store_full: 30 };

// setTimeout fires at once for delays past 2^31 - 1 ms (about 24.8 days): longer is no deadline at all.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The store's three calls, each answering at once when the store did (the memory store: no timer, no promise,
 * no tick) and as a promise bounded by `storeTimeoutMs` when the store answered with one (Redis). `complete`
 * and `release` hand back their failure instead of throwing it.
 */
export interface GuardedStore {
  claim(id: string, ttlMs: number): Maybe<ClaimResult>;
  complete(id: string, ttlMs: number): Maybe<WebhookError | undefined>;
  release(id: string): Maybe<WebhookError | undefined>;
}

export function guardStore(store: IdempotencyStore, timeoutMs: number): GuardedStore {
  // Gives back a claim the store may have made but that nobody will process: one that answered too late, or
  // with something unexpected. Its own failure has nobody left to tell: the claim then expires with its record.
  const giveBack = (id: string) => {
    const failed = guarded.release(id);
    if (isPromiseLike(failed)) failed.then(undefined, () => {});
  };
  const checked = (id: string, answer: unknown): ClaimResult => {
    if (answer === 'claimed' || answer === 'in-flight' || answer === 'completed') return answer;
    giveBack(id);
    throw processingFailed(
      'the idempotency store',
      new TypeError(`claim() answered ${describeValue(answer)}, expected 'claimed', 'in-flight' or 'completed'`),
    );
  };
  // The store's methods are called on it directly (no closure per call), each failure mapped by `failure`.
  const guarded: GuardedStore = {
    claim(id, ttlMs) {
      let answer: unknown;
      try {
        answer = store.claim(id, ttlMs);
      } catch (error) {
        throw failure(CLAIM, error);
      }
      if (!isPromiseLike(answer)) return checked(id, answer);
      const late = (result: unknown) => {
        if (result === 'claimed') giveBack(id);
      };
      return bounded(CLAIM, answer, timeoutMs, late).then((result) => checked(id, result));
    },
    complete(id, ttlMs) {
      let answer: unknown;
      try {
        answer = store.complete(id, ttlMs);
      } catch (error) {
        return failure(COMPLETE, error);
      }
      return isPromiseLike(answer) ? settled(bounded(COMPLETE, answer, timeoutMs)) : undefined;
    },
    release(id) {
      let answer: unknown;
      try {
        answer = store.release(id);
      } catch (error) {
        return failure(RELEASE, error);
      }
      return isPromiseLike(answer) ? settled(bounded(RELEASE, answer, timeoutMs)) : undefined;
    },
  };
  return guarded;
}

// Each call by its method and by what it does, for messages (those of processing_failed predate the timeout).
type Call = readonly [method: string, what: string];
const CLAIM: Call = ['claim', 'the idempotency store'];
const COMPLETE: Call = ['complete', 'recording the delivery'];
const RELEASE: Call = ['release', 'releasing the claim'];

/** A pending call's failure as a value: `undefined` when it succeeded. */
const settled = (pending: Promise<unknown>): Promise<WebhookError | undefined> =>
  pending.then(
    () => undefined,
    (error: WebhookError) => error,
  );

/**
 * A store's promised answer, or a WebhookError: a call slower than `timeoutMs` is `store_timeout` (its late
 * answer goes to `late`), and what it rejects with is mapped by `failure`. Only a store that answered with a
 * promise gets here: a synchronous answer costs no timer and no tick.
 */
async function bounded(
  names: Call,
  answer: PromiseLike<unknown>,
  timeoutMs: number,
  late?: (answer: unknown) => void,
): Promise<unknown> {
  const [method] = names;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (timeoutMs > MAX_TIMER_MS) return await answer;
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
    throw failure(names, error);
  } finally {
    clearTimeout(timer);
  }
}

/** A store's failure as the receiver answers it: its own store_timeout and store_full as they are. */
function failure([, what]: Call, error: unknown): WebhookError {
  if (isWebhookError(error) && (error.code === 'store_timeout' || error.code === 'store_full')) return error;
  return processingFailed(what, error);
}
