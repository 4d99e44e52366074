// The events this SDK knows, each defined from its MessageDefinition (message-definitions.ts) exactly as a user
// defines one with defineEvent: parse reads built-in and user-defined events through the same path. Adding an
// event means its MessageDefinition, an entry here, its interface in types.ts, its tests and a CHANGELOG line.
// Internal: the package exports the definitions (MESSAGE_DEFINITIONS) and the event types.

import { createDefinition, type EventDefinition, type EventMessage } from './event-definition.js';
import { MESSAGE_DEFINITIONS } from './message-definitions.js';
import { type ReadableMessage, readExternalIdentifier, requireDownloadUrl, requirePerson } from './read-fields.js';
import type { KnownEventType, WebhookEvent } from './types.js';

export { BWELL_EVENT_SYSTEM } from './message-definitions.js';

type FieldsOf<T extends KnownEventType> = Omit<
  Extract<WebhookEvent, { readonly type: T }>,
  'type' | 'messageHeader' | 'bundle' | 'issues' | 'focus'
>;

// What every event about a b.well Person carries: the focused person and your identifier of them.
function aboutPerson(message: EventMessage): FieldsOf<'user-delete-completed'> {
  const readable = message as ReadableMessage;
  const person = requirePerson(readable);
  return { person, externalIdentifier: readExternalIdentifier(readable, person) };
}

// A mapped type over KnownEventType: an event added to the union without an entry here does not compile.
const CATALOGUE: { readonly [T in KnownEventType]: (message: EventMessage) => FieldsOf<T> } = {
  'user-delete-completed': aboutPerson,
  'data-export-completed': (message) => {
    const { person, externalIdentifier } = aboutPerson(message);
    return { person, externalIdentifier, downloadUrl: requireDownloadUrl(message as ReadableMessage) };
  },
};

/**
 * The built-in events, in a stable order (for messages and docs). Marked pure so that bundles which never read
 * them (verification alone) drop the catalogue with them.
 */
export const BUILT_IN_EVENTS: readonly EventDefinition[] = /* @__PURE__ */ (
  Object.keys(CATALOGUE) as KnownEventType[]
).map((type) =>
  createDefinition(
    { definition: MESSAGE_DEFINITIONS[type] as never, read: CATALOGUE[type] as (message: EventMessage) => object },
    'bwell-webhooks',
  ),
);

/** Every event code the catalogue knows, in a stable order. */
export const KNOWN_EVENT_TYPES = /* @__PURE__ */ Object.keys(CATALOGUE) as readonly KnownEventType[];
