// The errors of reading a body, the same words in every shell. Internal.

import { WebhookError } from '../errors.js';

/** The body did not arrive within `bodyTimeoutMs`. */
export function bodyTimeout(timeoutMs: number): WebhookError {
  return new WebhookError(
    'body_timeout',
    `Expected the whole body within ${timeoutMs} ms (bodyTimeoutMs), found less.`,
  );
}

/** The body stopped before its end: the client closed the connection, or the stream failed. */
export function bodyIncomplete(cause?: unknown): WebhookError {
  return new WebhookError('body_timeout', 'Expected the whole body, found the connection closed before its end.', {
    cause,
  });
}
