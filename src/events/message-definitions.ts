// The catalogue in FHIR's own terms: one R4 MessageDefinition per event this SDK knows. Parse reads every
// event, built-in or user-defined, through its definition (src/events/catalogue.ts).

import type { MessageDefinition } from 'fhir/r4.js';
import { deepFreeze } from '../lib/deep-freeze.js';
import type { KnownEventType } from './types.js';

/** The `eventCoding.system` of every b.well event. */
export const BWELL_EVENT_SYSTEM = 'http://icanbwell.com/event-types';

/**
 * The base of our canonical URLs. b.well publishes no MessageDefinition and no canonical URL for its events, so
 * these are this SDK's own, under a URN that names it: they say what the SDK checks, not what b.well promises.
 */
export const DEFINITION_URL_BASE = 'urn:bwell-webhooks:message-definition:';

// What both b.well events share: a notification about exactly one Person, acknowledged every time (b.well's
// Client Webhook API shows a 200 acknowledgement Bundle for each delivery).
function aboutOnePerson(code: KnownEventType, title: string, description: string): MessageDefinition {
  return {
    resourceType: 'MessageDefinition',
    url: `${DEFINITION_URL_BASE}${code}`,
    name: title.replaceAll(' ', ''),
    title,
    status: 'active',
    date: '2026-12-01',
    publisher: 'bwell-webhooks (not b.well)',
    description,
    eventCoding: { system: BWELL_EVENT_SYSTEM, code },
    category: 'notification',
    focus: [{ code: 'Person', min: 1, max: '1' }],
    responseRequired: 'always',
  };
}

/**
 * The FHIR R4 `MessageDefinition` of every event this SDK knows, by event type, deeply frozen. Each says what a
 * message of that event must carry (its `eventCoding`, its `focus` with `code`, `min` and `max`) and whether it is
 * acknowledged (`responseRequired`); `parseEvent` checks every message against its definition. b.well publishes
 * no canonical URLs for its events: the `url`s here (`urn:bwell-webhooks:message-definition:<type>`) are this
 * SDK's own.
 *
 * @example
 * ```ts
 * import { MESSAGE_DEFINITIONS } from 'bwell-webhooks';
 *
 * MESSAGE_DEFINITIONS['user-delete-completed'].focus; // [{ code: 'Person', min: 1, max: '1' }]
 * ```
 */
export const MESSAGE_DEFINITIONS: { readonly [T in KnownEventType]: Readonly<MessageDefinition> } =
  /* @__PURE__ */ deepFreeze({
    'user-delete-completed': /* @__PURE__ */ aboutOnePerson(
      'user-delete-completed',
      'User Delete Completed',
      'b.well finished deleting a user: the receiver deletes its own data about the focused Person.',
    ),
    'data-export-completed': /* @__PURE__ */ aboutOnePerson(
      'data-export-completed',
      'Data Export Completed',
      "b.well finished exporting a user's data: the download-url extension says where to fetch it.",
    ),
  });
