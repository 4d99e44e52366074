import type { Bundle, Identifier, MessageHeader } from 'fhir/r4.js';
import { type ReceivedMessage, readExternalIdentifier } from '../events/read-fields.js';
import { resolveFocus } from '../events/resolve-focus.js';
import type { WebhookEvent } from '../events/types.js';
import { messagePartsOf } from '../lib/message-parts.js';

/**
 * Finds the client's identifier of the user a message is about, wherever b.well put it.
 *
 * It looks first for the `external-identifier` extension (`valueIdentifier`) of the MessageHeader, under
 * `http://example.com/fhir/StructureDefinition/` or `http://icanbwell.com/fhir/StructureDefinition/`,
 * then for the focused `Person`'s identifier with system `urn:client:identifier` (the focus resolved as
 * `parseEvent` resolves it). It never throws: odd input, or a message whose identifiers disagree, gives `undefined`.
 *
 * It does not fall back to b.well's Person id: `undefined` means the message names no identifier of yours.
 *
 * @param eventOrMessage - A parsed event, or a raw MessageHeader or message Bundle.
 * @returns The identifier, or `undefined` when the message carries none.
 *
 * @example
 * ```ts
 * import { getExternalIdentifier } from 'bwell-webhooks';
 * import type { Bundle } from 'fhir/r4.js';
 *
 * declare const bundle: Bundle;
 * const clientUserId = getExternalIdentifier(bundle)?.value;
 * ```
 */
export function getExternalIdentifier(eventOrMessage: WebhookEvent | MessageHeader | Bundle): Identifier | undefined {
  const parts = messagePartsOf(eventOrMessage);
  if (parts === undefined) return undefined;
  const message = {
    messageHeader: parts.header as unknown as MessageHeader,
    bundle: parts.bundle as unknown as Bundle | undefined,
    path: parts.bundle === undefined ? [] : ['entry', 0, 'resource'],
    issues: [],
  } satisfies ReceivedMessage;
  // The same readers as parseEvent's, so both find the same identifier; where parseEvent would refuse the
  // message (a focus or identifiers that disagree, a value that is not a string), there is no answer.
  try {
    let person: ReturnType<typeof resolveFocus>[number] | undefined;
    try {
      person = resolveFocus(message).find((focus) => focus.resourceType === 'Person');
    } catch {
      // A focus that cannot be resolved still leaves the extension to read.
    }
    return readExternalIdentifier(message, person);
  } catch {
    return undefined;
  }
}
