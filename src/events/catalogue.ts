// The event catalogue: the one place where a b.well event code maps to the typed event built from it.
// Adding an event means an entry here, its interface in types.ts, its tests and a CHANGELOG line.
// Internal: parse uses it; the package exports only the event types.

import type { Coding } from 'fhir/r4.js';
import { type ReceivedMessage, readExternalIdentifier, requireDownloadUrl, requirePerson } from './read-fields.js';
import { resolveFocus } from './resolve-focus.js';
import type { KnownEventType, WebhookEvent } from './types.js';

/** The `eventCoding.system` of every b.well event. */
export const BWELL_EVENT_SYSTEM = 'http://icanbwell.com/event-types';

type EventOf<T extends KnownEventType> = Extract<WebhookEvent, { readonly type: T }>;

/** Builds one typed event from a structurally valid message, or throws a WebhookError with a pointer. */
export type EventBuilder<T extends KnownEventType = KnownEventType> = (message: ReceivedMessage) => EventOf<T>;

// A mapped type over KnownEventType: an event added to the union without an entry here does not compile.
// Events are built as plain literals, never with object spread: spreading copies property by property, and
// costs more than the rest of building an event.
const CATALOGUE: { readonly [T in KnownEventType]: EventBuilder<T> } = {
  'user-delete-completed': (message) => aboutPerson('user-delete-completed', message),
  'data-export-completed': (message) => {
    const { type, messageHeader, bundle, issues, person, externalIdentifier } = aboutPerson(
      'data-export-completed',
      message,
    );
    const downloadUrl = requireDownloadUrl(message);
    return { type, messageHeader, bundle, issues, person, externalIdentifier, downloadUrl };
  },
};

// What every event about a b.well Person carries: its type, the message, the focused person and your identifier of them.
function aboutPerson<T extends KnownEventType>(type: T, message: ReceivedMessage) {
  const person = requirePerson(message, resolveFocus(message));
  const { messageHeader, bundle, issues } = message;
  return { type, messageHeader, bundle, issues, person, externalIdentifier: readExternalIdentifier(message, person) };
}

/**
 * Every event code the catalogue knows, in a stable order (for messages and docs). Marked pure so that
 * bundles which never read it (verification alone) drop the catalogue with it.
 */
export const KNOWN_EVENT_TYPES = /* @__PURE__ */ Object.keys(CATALOGUE) as readonly KnownEventType[];

/** The builder for a b.well event coding, or `undefined` when the event is not one this SDK knows. */
export function findEventBuilder(coding: Coding | undefined): EventBuilder | undefined {
  if (coding?.system !== BWELL_EVENT_SYSTEM || typeof coding.code !== 'string') return undefined;
  // A scan of the known codes, not a lookup by the received one: a code such as "constructor" or "__proto__"
  // can never reach Object.prototype, and comparing a few short strings is cheaper than hashing a new one.
  for (const type of KNOWN_EVENT_TYPES) if (type === coding.code) return CATALOGUE[type] as EventBuilder;
  return undefined;
}
