// Shared by the hostile-input tests: one secret, one frozen clock, and a way to get the WebhookError a call
// throws (anything else it throws fails the test, which is the point of this folder).
import { expect } from 'vitest';
import { isWebhookError, signPayload, type WebhookError } from '../../src/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** The frozen delivery time of these tests, in unix seconds (2026-01-01T00:00:00Z). */
export const T0 = 1_767_225_600;

/** A valid user-delete-completed delivery (bare MessageHeader), as sent. */
export const VALID = JSON.stringify(buildUserDeleteCompleted({ shape: 'header' }));

/** Unix seconds to the epoch milliseconds that `now` takes. */
export const at = (seconds: number) => seconds * 1000;

export function signedAt(payload: string | Uint8Array, timestamp: number, secret = SECRET) {
  return signPayload({ payload, secret, id: 'msg_hostile', timestamp });
}

/** The WebhookError `run` throws; fails the test if it returns or throws anything else. */
export function errorOf(run: () => unknown): WebhookError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a WebhookError to be thrown').toBeDefined();
  if (!isWebhookError(thrown)) throw thrown;
  return thrown;
}
