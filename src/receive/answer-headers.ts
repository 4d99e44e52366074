// The headers of every answer, by its code: one place, so that a status that needs a header of its own
// (405 `allow`, a 503's `retry-after`) adds one line here and every shell writes it. Internal.

import type { WebhookErrorCode } from '../errors.js';
import { RETRY_AFTER_SECONDS } from './guard-store.js';

/** A fresh record for each answer: shells may add their own (Node's `connection: close`) without sharing it. */
export function answerHeaders(code: WebhookErrorCode | 'ok'): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/fhir+json' };
  if (code === 'method_not_allowed') headers.allow = 'POST';
  const retryAfter = code === 'ok' ? undefined : RETRY_AFTER_SECONDS[code];
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return headers;
}
