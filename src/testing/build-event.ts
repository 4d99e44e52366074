import type { Extension } from 'fhir/r4.js';
import type { EventDefinition } from '../events/event-definition.js';
import { type BuildEventOptions, buildMessage, type EventShape, type PayloadOf } from './build-message.js';

/**
 * Options of {@link buildEvent}: those of every builder, and the MessageHeader extensions the event carries.
 *
 * @example
 * ```ts
 * import type { BuildDefinedEventOptions } from 'bwell-webhooks/testing';
 *
 * const options: BuildDefinedEventOptions = { extensions: { 'merge-reason': { valueCode: 'duplicate' } } };
 * ```
 */
export interface BuildDefinedEventOptions<S extends EventShape = EventShape> extends BuildEventOptions<S> {
  /**
   * Extensions of the MessageHeader, by name under b.well's namespace (the example.com one in the header shape,
   * icanbwell.com in the Bundle shape), each with its `value[x]`.
   */
  readonly extensions?: Readonly<Record<string, Omit<Extension, 'url'>>>;
}

/**
 * Builds a valid delivery of any event from its definition, as {@link buildUserDeleteCompleted} does for a built-in
 * one: the definition's `eventCoding`, and as many focus references (and, in the Bundle shape, entries) of each
 * type as its `focus` rules require (at least one; one Person when it has none).
 *
 * @param event - A definition made by `defineEvent`.
 * @param options - The shape, ids and extensions.
 * @returns The FHIR resource to send: `JSON.stringify` it, or hand it to `createSignedRequest`.
 *
 * @example
 * ```ts
 * import { defineEvent, parseEvent } from 'bwell-webhooks';
 * import { buildEvent } from 'bwell-webhooks/testing';
 *
 * const merge = defineEvent({
 *   definition: {
 *     resourceType: 'MessageDefinition',
 *     eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
 *     focus: [{ code: 'Person', min: 2, max: '2' }],
 *   },
 * });
 * parseEvent(buildEvent(merge), { events: [merge] }).type; // 'user-merge-completed'
 * ```
 */
export function buildEvent<S extends EventShape = 'bundle'>(
  event: EventDefinition,
  options: BuildDefinedEventOptions<S> = {},
): PayloadOf<S> {
  const { eventCoding, focus } = event.definition;
  const counts =
    focus === undefined || focus.length === 0
      ? undefined
      : focus.filter((rule) => rule.min > 0).map((rule) => ({ code: rule.code, count: rule.min }));
  return buildMessage(
    eventCoding?.code ?? event.type,
    options,
    options.extensions,
    eventCoding?.system,
    counts?.length === 0 ? [{ code: focus?.[0]?.code ?? 'Person', count: 1 }] : counts,
  ) as PayloadOf<S>;
}
