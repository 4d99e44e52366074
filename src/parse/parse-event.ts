import type { MessageHeader } from 'fhir/r4.js';
import type { WebhookError } from '../errors.js';
import { BWELL_EVENT_SYSTEM, findEventBuilder, KNOWN_EVENT_TYPES } from '../events/catalogue.js';
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
export interface ParseOptions {
  /**
   * The largest raw body accepted, in UTF-8 bytes (inclusive), checked before anything is decoded or
   * parsed. Defaults to {@link DEFAULT_MAX_BYTES}. Not applied to an already-parsed value.
   */
  readonly maxBytes?: number;
  /** Refuse events this SDK does not know with an `unknown_event` error, instead of returning `type: 'unknown'`. */
  readonly strict?: boolean;
}

/**
 * Parses a b.well webhook body (a bare MessageHeader or a message Bundle) into a typed event.
 *
 * Checks the size cap, the JSON, the FHIR R4 rules the event relies on and the event's own fields; an
 * event this SDK does not know comes back as `type: 'unknown'` (or, with `strict`, as an error).
 *
 * @param input - The raw body (`string`, `Uint8Array`, `ArrayBuffer`) or the value your framework already parsed.
 * @param options - The size cap and strict mode.
 * @returns The typed event; `switch` on its `type`.
 * @throws {@link WebhookError} with a `code` and, where one value is at fault, its JSON `pointer`.
 * @throws TypeError when `options.maxBytes` is not a non-negative integer.
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
export function parseEvent(input: unknown, options: ParseOptions = {}): WebhookEvent {
  const { value, raw } = readJson(input, maxBytesOf(options));
  const message = readMessage(value, !raw);
  const { messageHeader, bundle, path, issues } = message;
  const build = findEventBuilder(messageHeader.eventCoding);
  if (build !== undefined) return build(message);
  if (options.strict === true) throw unknownEvent(messageHeader, path);
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
function unknownEvent({ eventCoding, eventUri }: MessageHeader, path: Path): WebhookError {
  const expected = `a b.well event (${KNOWN_EVENT_TYPES.join(', ')} in ${BWELL_EVENT_SYSTEM})`;
  if (eventCoding === undefined) {
    return fieldError('unknown_event', [...path, 'eventUri'], expected, `the eventUri ${quote(eventUri)}`);
  }
  const key = eventCoding.system === BWELL_EVENT_SYSTEM ? 'code' : 'system';
  const value = eventCoding[key];
  const found = value === undefined ? `no ${key}` : `the ${key} ${quote(value)}`;
  return fieldError('unknown_event', [...path, 'eventCoding', key], expected, found);
}

// parse has checked these are strings; the excerpt keeps a long one out of the message.
function quote(text: string | undefined): string {
  return JSON.stringify(excerpt(String(text)));
}

function maxBytesOf(options: ParseOptions): number {
  const { maxBytes = DEFAULT_MAX_BYTES } = options;
  if (!(Number.isSafeInteger(maxBytes) && maxBytes >= 0) && maxBytes !== Number.POSITIVE_INFINITY) {
    throw new TypeError(
      `parseEvent: options.maxBytes must be a non-negative integer (bytes), got ${String(maxBytes)}.`,
    );
  }
  return maxBytes;
}
