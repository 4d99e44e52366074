// What identifies a delivery in the idempotency store. Internal to createWebhookHandler.
//
// Standard Webhooks signs the delivery id, so a replay within the window carries the id of the original, and the
// id is the key. A scheme that signs no id (the GitHub style signs the body alone) leaves the id header to
// anyone: a captured delivery replayed under a new id would run again. Its key is then a digest of the body,
// which the signature covers: a replay is the same body, whatever its headers say (and so is a sender's retry).
// The body, not the whole signed content: a scheme that signs a timestamp but no id re-signs each retry with a
// new timestamp, and a retry must still find the original's record.

import { sha256Hex } from '#crypto';
import type { SignatureScheme } from '../verify/scheme.js';
import type { VerifiedDelivery } from '../verify/verify-signature.js';

// Synchronous for a scheme that signs the id (the common case costs no promise and no tick).
export function deliveryKey(
  scheme: SignatureScheme,
  delivery: VerifiedDelivery,
  body: Uint8Array,
): string | Promise<string> {
  if (scheme.signedContent.includes('{id}')) return delivery.id;
  const hex = sha256Hex(body);
  return typeof hex === 'string' ? `sha256:${hex}` : hex.then((digest) => `sha256:${digest}`);
}
