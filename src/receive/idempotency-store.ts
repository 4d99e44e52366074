/**
 * The idempotency seam: where {@link createWebhookHandler} records which deliveries it has processed, so
 * that a retried delivery (same `webhook-id`) never runs a handler twice and a failed one runs again.
 * {@link memoryStore} implements it in memory; `redisStore` from `bwell-webhooks/redis` on Redis.
 *
 * @module
 */

/**
 * What {@link IdempotencyStore.claim} found: the delivery is now ours to process (`claimed`), another
 * request is processing it (`in-flight`), or it was processed already (`completed`).
 *
 * @example
 * ```ts
 * import type { ClaimResult } from 'bwell-webhooks';
 *
 * const runHandler = (result: ClaimResult) => result === 'claimed';
 * ```
 */
export type ClaimResult = 'claimed' | 'in-flight' | 'completed';

/**
 * A record of deliveries by id, shared by every receiver that must process each delivery once. All three
 * methods are atomic per id: of many concurrent claims of one id, exactly one gets `claimed`.
 *
 * A store remembers which of its own claims it holds, so `complete` and `release` only ever change a record
 * that this store claimed (and that has not expired and been claimed again elsewhere since).
 *
 * @example
 * ```ts
 * import { createWebhookHandler, type IdempotencyStore } from 'bwell-webhooks';
 *
 * // A store that remembers nothing: every delivery runs (for handlers that are idempotent themselves).
 * const none: IdempotencyStore = { claim: () => 'claimed', complete: () => {}, release: () => {} };
 * const handler = createWebhookHandler({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', idempotency: none });
 * ```
 */
export interface IdempotencyStore {
  /**
   * Claims delivery `id` for processing, unless a record of it exists.
   *
   * @param id - The delivery id (`webhook-id`).
   * @param ttlMs - The least time the record must live: an unfinished claim is given up after it.
   * @returns `claimed` when the caller must process the delivery, else what the record says.
   */
  claim(id: string, ttlMs: number): ClaimResult | Promise<ClaimResult>;
  /**
   * Marks a claimed delivery as processed, so that later claims of `id` get `completed`.
   *
   * @param id - The delivery id.
   * @param ttlMs - The least time the record must live: duplicates within it are not processed again.
   */
  complete(id: string, ttlMs: number): void | Promise<void>;
  /**
   * Gives up a claim after processing failed, so that the sender's retry processes the delivery again.
   *
   * @param id - The delivery id.
   */
  release(id: string): void | Promise<void>;
}
