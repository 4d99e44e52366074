import type { MessageHeader } from 'fhir/r4.js';
import type { WebhookError } from '../errors.js';
import { buildEvent } from '../events/build-event.js';
import type { EventDefinition, EventOf } from '../events/event-definition.js';
import { BWELL_EVENT_SYSTEM } from '../events/message-definitions.js';
import { type Registry, registryOf } from '../events/registry.js';
import type { WebhookEvent } from '../events/types.js';
import { excerpt } from '../lib/excerpt.js';
import { fieldError } from '../lib/fail.js';
import type { Path } from '../lib/pointer.js';
import { DEFAULT_MAX_BYTES } from './limits.js';
import { readJson } from './read-json.js';
import { readMessage } from './read-message.js';

// One definition for parse, verify and receive; re-exported here, where parseEvent's options name it.
export { DEFAULT_MAX_BYTES } from './limits.js';

/**
 * Options for {@link parseEvent} and {@link safeParseEvent}.
 *
 * @example
 * ```ts
 * import { parseEvent, type ParseOptions } from 'bwell-webhooks';
 *
 * declare const body: string;
 * const options: ParseOptions = { maxBytes: 64 * 1024, strict: true };
 * const event = parseEvent(body, options);
 * ```
 */
export interface ParseOptions<E extends readonly EventDefinition[] = readonly []> {
  /**
   * The largest raw body accepted, in UTF-8 bytes (inclusive), checked before anything is decoded or
   * parsed. Defaults to {@link DEFAULT_MAX_BYTES}. Not applied to an already-parsed value.
   */
  readonly maxBytes?: number;
  /** Refuse events this SDK does not know with an `unknown_event` error, instead of returning `type: 'unknown'`. */
  readonly strict?: boolean | undefined;
  /**
   * Events this SDK does not know yet, each made by {@link defineEvent} from its MessageDefinition: their messages
   * are parsed, checked and typed like the built-in ones, and the returned union widens with them.
   */
  readonly events?: E | undefined;
}

/**
 * What {@link parseEvent} returns for the `events` it was given: the built-in events, `unknown`, and theirs.
 *
 * @example
 * ```ts
 * import type { ParsedEvent } from 'bwell-webhooks';
 *
 * const type = (event: ParsedEvent) => event.type; // 'user-delete-completed' | 'data-export-completed' | 'unknown'
 * ```
 */
export type ParsedEvent<E extends readonly EventDefinition[] = readonly []> = WebhookEvent | EventOf<E[number]>;

/**
 * Parses a b.well webhook body (a bare MessageHeader or a message Bundle) into a typed event.
 *
 * Checks the size cap, the JSON, the FHIR R4 rules the event relies on and the event's own fields; an
 * event this SDK does not know comes back as `type: 'unknown'` (or, with `strict`, as an error).
 *
 * @param input - The raw body (`string`, `Uint8Array`, `ArrayBuffer`) or the value your framework already parsed.
 * @param options - The size cap, strict mode and the events you defined.
 * @returns The typed event; `switch` on its `type`.
 * @throws {@link WebhookError} with a `code` and, where one value is at fault, its JSON `pointer`.
 * @throws TypeError when `options.maxBytes` is not a non-negative integer, or `options.events` holds two
 * definitions of one event.
 *
 * @example
 * ```ts
 * import { parseEvent } from 'bwell-webhooks';
 *
 * declare const body: string;
 * const event = parseEvent(body);
 * if (event.type === 'data-export-completed') console.log(event.person.id, event.downloadUrl);
 * ```
 */
export function parseEvent<const E extends readonly EventDefinition[] = readonly []>(
  input: unknown,
  options: ParseOptions<E> = {},
): ParsedEvent<E> {
  const registry = registryOf(options.events, 'parseEvent');
  const { value, raw } = readJson(input, maxBytesOf(options));
  const message = readMessage(value, !raw);
  const { messageHeader, bundle, path, issues } = message;
  const event = registry.find(messageHeader.eventCoding);
  if (event !== undefined) return buildEvent(event, message) as ParsedEvent<E>;
  if (options.strict === true) throw unknownEvent(messageHeader, path, registry);
  return {
    type: 'unknown',
    messageHeader,
    bundle,
    issues,
    eventCoding: messageHeader.eventCoding,
    eventUri: messageHeader.eventUri,
  };
}

// Points at what made the event unknown: the eventUri, a foreign system, or an unknown b.well code.
function unknownEvent({ eventCoding, eventUri }: MessageHeader, path: Path, registry: Registry): WebhookError {
  const systems = new Set(registry.events.map((event) => event.definition.eventCoding?.system));
  const types = registry.events.map((event) => event.type).join(', ');
  const what = systems.size === 1 && systems.has(BWELL_EVENT_SYSTEM) ? 'a b.well event' : 'a known event';
  const expected = `${what} (${types} in ${[...systems].join(' or ')})`;
  if (eventCoding === undefined) {
    return fieldError('unknown_event', [...path, 'eventUri'], expected, `the eventUri ${quote(eventUri)}`);
  }
  const key = systems.has(eventCoding.system) ? 'code' : 'system';
  const value = eventCoding[key];
  const found = value === undefined ? `no ${key}` : `the ${key} ${quote(value)}`;
  return fieldError('unknown_event', [...path, 'eventCoding', key], expected, found);
}

// parse has checked these are strings; the excerpt keeps a long one out of the message.
function quote(text: string | undefined): string {
  return JSON.stringify(excerpt(String(text)));
}

function maxBytesOf(options: ParseOptions<readonly EventDefinition[]>): number {
  const { maxBytes = DEFAULT_MAX_BYTES } = options;
  if (!(Number.isSafeInteger(maxBytes) && maxBytes >= 0) && maxBytes !== Number.POSITIVE_INFINITY) {
    throw new TypeError(
      `parseEvent: options.maxBytes must be a non-negative integer (bytes), got ${String(maxBytes)}.`,
    );
  }
  return maxBytes;
}
