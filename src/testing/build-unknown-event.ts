import { type BuildEventOptions, buildMessage, type EventShape, type PayloadOf } from './build-message.js';

/**
 * Options of {@link buildUnknownEvent}: those of every builder, and the event coding.
 *
 * @example
 * ```ts
 * import type { BuildUnknownEventOptions } from 'bwell-webhooks/testing';
 *
 * const options: BuildUnknownEventOptions = { code: 'user-merge-completed' };
 * ```
 */
export interface BuildUnknownEventOptions<S extends EventShape = EventShape> extends BuildEventOptions<S> {
  /** The `eventCoding.code` (default `'user-merge-completed'`, an event b.well does not send today). */
  readonly code?: string;
  /** The `eventCoding.system` (default b.well's `'http://icanbwell.com/event-types'`). */
  readonly system?: string;
}

/**
 * Builds a well-formed delivery of an event this SDK does not know, as b.well may add one any day: a
 * receiver must acknowledge it, not crash.
 *
 * @param options - The shape, the event coding, the message id and the person's ids.
 * @returns The FHIR resource to send.
 *
 * @example
 * ```ts
 * import { parseEvent } from 'bwell-webhooks';
 * import { buildUnknownEvent } from 'bwell-webhooks/testing';
 *
 * parseEvent(buildUnknownEvent({ code: 'user-merge-completed' })).type; // 'unknown'
 * ```
 */
export function buildUnknownEvent<S extends EventShape = 'bundle'>(
  options: BuildUnknownEventOptions<S> = {},
): PayloadOf<S> {
  return buildMessage(options.code ?? 'user-merge-completed', options, {}, options.system) as PayloadOf<S>;
}
