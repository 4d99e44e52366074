import { createDefinition, type DefineEventOptions, type EventDefinition } from './event-definition.js';
import { MESSAGE_DEFINITIONS } from './message-definitions.js';

/**
 * Defines an event from its FHIR R4 MessageDefinition, so that a receiver handles it, typed and checked, the day
 * b.well announces it, before this SDK ships it. The event's `type` is the definition's `eventCoding.code`
 * (inferred as a literal type); a message matches when its `eventCoding` has that code (and the definition's
 * `system`, if it gives one). Every message is checked against the definition's `focus` rules (`code`, `min`,
 * `max`) on its resolved focus, and carries `focus`; `read` may add typed fields, or refuse the message by
 * throwing a `WebhookError`.
 *
 * @param options - The MessageDefinition and, optionally, the reader of the event's own fields.
 * @returns The definition, to pass in `events: [...]`.
 * @throws TypeError for a definition without `eventCoding.code`, with malformed focus rules, or for an event
 * this SDK already knows.
 *
 * @example
 * ```ts
 * import { defineEvent, parseEvent } from 'bwell-webhooks';
 *
 * const userMergeCompleted = defineEvent({
 *   definition: {
 *     resourceType: 'MessageDefinition',
 *     status: 'active',
 *     date: '2026-12-01',
 *     eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
 *     focus: [{ code: 'Person', min: 2, max: '2' }],
 *   },
 *   read: (message) => ({ people: message.focus.map((focus) => focus.id) }),
 * });
 *
 * declare const body: string;
 * const event = parseEvent(body, { events: [userMergeCompleted] });
 * if (event.type === 'user-merge-completed') console.log(event.people);
 * ```
 */
export function defineEvent<const T extends string, F extends object = Record<never, never>>(
  options: DefineEventOptions<T, F>,
): EventDefinition<T, F> {
  const event = createDefinition(options, 'defineEvent');
  if (Object.hasOwn(MESSAGE_DEFINITIONS, event.type)) {
    throw new TypeError(
      `defineEvent: ${event.type} is an event this SDK already knows; it is parsed without being defined.`,
    );
  }
  return event;
}
