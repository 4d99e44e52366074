// Chaining steps that are synchronous as often as not. The memory store, node:crypto and most handlers answer
// at once; an `await` on each step would cost a promise and a microtask tick per step on every delivery, and
// a timer-free synchronous answer lets a Node shell write the response in the same turn the body ended.
// Internal to the receiving core.

import { isPromiseLike } from '../lib/promise-like.js';

/** A value now, or a promise of it. */
export type Maybe<T> = T | Promise<T>;

/**
 * `next(state, value)`: at once when `value` is no thenable (what `next` throws goes to the caller), else once
 * it resolves (a rejection skips `next`). Any thenable is waited for, whatever realm made it: nothing may run
 * ahead of a pending verification. The state is passed along so that the synchronous path allocates no closure.
 */
export function after<S, T, R>(value: T | PromiseLike<T>, state: S, next: (state: S, value: T) => Maybe<R>): Maybe<R> {
  if (isPromiseLike(value)) return Promise.resolve(value).then((settled) => next(state, settled));
  return next(state, value);
}
