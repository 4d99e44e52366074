// The caller's code (handlers, stores, onError) fails in its own way; here it becomes `processing_failed`,
// the row of the status table that tells the sender to retry. Internal to createWebhookHandler.

import { WebhookError } from '../errors.js';

/** Runs the caller's code and returns what it threw as `processing_failed`, or `undefined`. */
export async function settle(what: string, action: () => unknown): Promise<WebhookError | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    return processingFailed(what, error);
  }
}

export function processingFailed(what: string, cause: unknown): WebhookError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new WebhookError('processing_failed', `${what} failed: ${reason}`, { cause });
}
