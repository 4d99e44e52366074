// Reading the handler's clock, whatever it does: an injected clock that throws or answers NaN must end as a
// 500 that onError hears of, never as a rejected handler or an acknowledgement dated "Invalid Date".
// Internal to createWebhookHandler.

import type { WebhookError } from '../errors.js';
import { describeValue } from '../lib/excerpt.js';
import { processingFailed } from './failures.js';

/** The time in epoch milliseconds, and the error when the clock failed (the time is then the system's). */
export interface ClockReading {
  readonly now: number;
  readonly error: WebhookError | undefined;
}

export function readClock(clock: () => Date | number): ClockReading {
  let value: unknown;
  try {
    value = clock();
  } catch (error) {
    return failed(error);
  }
  const now = typeof value === 'number' || value instanceof Date ? Number(value) : Number.NaN;
  if (Number.isFinite(now)) return { now, error: undefined };
  return failed(new TypeError(`the clock answered ${describeValue(value instanceof Date ? 'Invalid Date' : value)}`));
}

// The acknowledgement still needs a date: the system clock's, read only here, where the injected one failed.
const failed = (cause: unknown): ClockReading => ({ now: Date.now(), error: processingFailed('the clock', cause) });
