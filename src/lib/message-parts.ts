// Finds the MessageHeader (and Bundle) behind whatever an extractor is given: a parsed event, a raw
// MessageHeader or a raw message Bundle. Lenient by design: odd input gives `undefined`, never a throw.

import { isJsonObject, type JsonObject } from './fhir.js';

/** The MessageHeader and (for the Bundle shape) the Bundle of a message. */
export interface MessageParts {
  readonly header: JsonObject;
  readonly bundle: JsonObject | undefined;
}

/** The parts of a parsed event, a raw MessageHeader or a raw message Bundle; `undefined` for anything else. */
export function messagePartsOf(input: unknown): MessageParts | undefined {
  if (!isJsonObject(input)) return undefined;
  if (input.resourceType === 'MessageHeader') return { header: input, bundle: undefined };
  if (input.resourceType === 'Bundle') {
    const first: unknown = Array.isArray(input.entry) ? input.entry[0] : undefined;
    const header: unknown = isJsonObject(first) ? first.resource : undefined;
    return isJsonObject(header) && header.resourceType === 'MessageHeader' ? { header, bundle: input } : undefined;
  }
  // A parsed event (WebhookEventBase): its messageHeader and bundle.
  if (isJsonObject(input.messageHeader)) {
    return { header: input.messageHeader, bundle: isJsonObject(input.bundle) ? input.bundle : undefined };
  }
  return undefined;
}
