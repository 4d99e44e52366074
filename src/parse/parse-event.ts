import type { MessageHeader } from 'fhir/r4.js';
import { WebhookError } from '../errors.js';
import { buildEvent } from '../events/build-event.js';
import type { EventDefinition, EventOf } from '../events/event-definition.js';
import { BWELL_EVENT_SYSTEM } from '../events/message-definitions.js';
import { type Registry, registryOf } from '../events/registry.js';
import type { ConformanceIssue, WebhookEvent } from '../events/types.js';
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
 * const options: ParseOptions = { maxBytes: 64 * 1024, validation: 'strict', unknownEvents: 'reject' };
 * const event = parseEvent(body, options);
 * ```
 */
export interface ParseOptions<E extends readonly EventDefinition[] = readonly []> {
  /**
   * The largest raw body accepted, in UTF-8 bytes (inclusive), checked before anything is decoded or
   * parsed. Defaults to {@link DEFAULT_MAX_BYTES}. Not applied to an already-parsed value.
   */
  readonly maxBytes?: number | undefined;
  /**
   * What to do with R4 rules a message breaks without changing who or what it is about (see
   * {@link ConformanceIssue}): `'report'` (the default) lists them on `event.issues`; `'strict'` refuses the
   * message with a `nonconformant_message` error that points at the first. Rules that change the meaning
   * (a value of the wrong JSON type, an unknown modifier) refuse in both modes.
   */
  readonly validation?: 'report' | 'strict' | undefined;
  /**
   * The modifier extension URLs (and `implicitRules` URLs) your code understands. Any other
   * `modifierExtension` or `implicitRules` anywhere in the message is refused with `unknown_modifier`, since
   * R4 says an application SHALL NOT process an element whose modifier it does not understand.
   */
  readonly understoodModifiers?: readonly string[] | undefined;
  /**
   * What to do with a well-formed event this SDK does not know: `'accept'` (the default) returns it as
   * `type: 'unknown'`; `'reject'` refuses it with an `unknown_event` error.
   */
  readonly unknownEvents?: 'accept' | 'reject' | undefined;
  /**
   * The former name of `unknownEvents: 'reject'`, still honoured.
   *
   * @deprecated Use `unknownEvents: 'reject'`: "strict" now names the validation mode, `validation: 'strict'`.
   */
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
 * Checks the size cap, the JSON, the FHIR R4 rules (refusing what would change the meaning, reporting the
 * rest on `event.issues`) and the event's own fields; an event this SDK does not know comes back as
 * `type: 'unknown'` (or, with `unknownEvents: 'reject'`, as an error).
 *
 * It does not verify the signature: anyone can post a body that parses. On a receiving endpoint use
 * {@link verifyEvent} (verifies, then parses) or {@link createWebhookHandler}; call `parseEvent` alone only
 * on bytes already verified, or in tests.
 *
 * @param input - The raw body (`string`, `Uint8Array`, `ArrayBuffer`) or the value your framework already parsed.
 * @param options - The size cap, validation mode, understood modifiers, what to do with unknown events, and
 * the events you defined.
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
 * if (event.issues.length > 0) console.warn('non-conformant message', event.issues);
 * if (event.type === 'data-export-completed') console.log(event.person.id, event.downloadUrl);
 * ```
 */
export function parseEvent<const E extends readonly EventDefinition[] = readonly []>(
  input: unknown,
  options: ParseOptions<E> = {},
): ParsedEvent<E> {
  const registry = registryOf(options.events, 'parseEvent');
  const { value, text } = readJson(input, maxBytesOf(options));
  const issues: ConformanceIssue[] = [];
  const understoodModifiers = options.understoodModifiers ?? NONE;
  const message = readMessage(value, text, { issues, understoodModifiers });
  const { messageHeader, bundle, path } = message;
  const definition = registry.find(messageHeader.eventCoding);
  let event: ParsedEvent<E>;
  if (definition !== undefined) {
    // Built-in and user-defined events alike: the definition's focus rules, then its fields. Building may add
    // issues (a MessageHeader.definition naming another canonical), so strict validation comes after it.
    event = buildEvent(definition, message) as ParsedEvent<E>;
  } else {
    if (options.unknownEvents === 'reject' || options.strict === true) {
      throw unknownEvent(messageHeader, path, registry);
    }
    const { eventCoding, eventUri } = messageHeader;
    event = { type: 'unknown', messageHeader, bundle, issues, eventCoding, eventUri };
  }
  if (issues.length > 0 && options.validation === 'strict') throw nonconformant(issues);
  return event;
}

const NONE: readonly string[] = [];

// validation: 'strict': the first issue says where; the rest are counted, not listed, to keep the message short.
function nonconformant(issues: readonly ConformanceIssue[]): WebhookError {
  const [first] = issues as [ConformanceIssue];
  const more = issues.length === 1 ? '' : ` (and ${issues.length - 1} more)`;
  const message = `${first.message.slice(0, -1)} (R4 rule ${first.rule})${more}.`;
  return new WebhookError('nonconformant_message', message, { pointer: first.pointer });
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
