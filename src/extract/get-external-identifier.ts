import type { Bundle, Identifier, MessageHeader } from 'fhir/r4.js';
import type { WebhookEvent } from '../events/types.js';
import {
  findClientIdentifier,
  findExtension,
  findPersonEntry,
  firstFocusedPersonId,
  isJsonObject,
} from '../lib/fhir.js';
import { messagePartsOf } from '../lib/message-parts.js';

/**
 * Finds the client's identifier of the user a message is about, wherever b.well put it.
 *
 * It looks first for the `external-identifier` extension (`valueIdentifier`) of the MessageHeader, under
 * `http://example.com/fhir/StructureDefinition/` or `http://icanbwell.com/fhir/StructureDefinition/`,
 * then, in a message Bundle, for the focused `Person` entry's identifier with system
 * `urn:client:identifier`. It never throws: odd input gives `undefined`.
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
  const extensions: unknown = parts.header.extension;
  const index = findExtension(extensions, 'external-identifier');
  if (index !== -1) {
    const value: unknown = (extensions as Record<string, unknown>[])[index]?.valueIdentifier;
    if (isJsonObject(value)) return value as Identifier;
  }
  const personId = firstFocusedPersonId(parts.header.focus);
  return personId === undefined ? undefined : findClientIdentifier(findPersonEntry(parts.bundle, personId));
}
