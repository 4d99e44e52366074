// Whether a delivery's answer carries the FHIR acknowledgement, as the event's MessageDefinition.responseRequired
// says (R4 messagedefinition.html: always | on-error | never | on-success). Kept apart from the handler so that the
// one rule has one home. Internal to receive.

import type { MessageDefinition } from 'fhir/r4.js';

/**
 * `true` when the answer carries the acknowledgement Bundle. A delivery with no definition (refused before its
 * event was known, or an unknown event) is always acknowledged, as b.well's Client Webhook API shows; the status
 * never changes, only whether a body goes with it.
 */
export function acknowledges(definition: Readonly<MessageDefinition> | undefined, ok: boolean): boolean {
  switch (definition?.responseRequired) {
    case 'never':
      return false;
    case 'on-error':
      return !ok;
    case 'on-success':
      return ok;
    default:
      return true;
  }
}
