import type { Bundle, MessageDefinition, MessageHeader } from 'fhir/r4.js';
import { deepFreeze } from '../lib/deep-freeze.js';
import type { FocusReference, WebhookEventBase } from './types.js';

/**
 * What an event definition's `read` gets: the message, checked against the definition, with its focus resolved.
 *
 * @example
 * ```ts
 * import type { EventMessage } from 'bwell-webhooks';
 *
 * const personId = (message: EventMessage) => message.focus.find((f) => f.resourceType === 'Person')?.id;
 * ```
 */
export interface EventMessage {
  /** The MessageHeader. */
  readonly messageHeader: MessageHeader;
  /** The message Bundle, or `undefined` for a bare MessageHeader. */
  readonly bundle: Bundle | undefined;
  /** Every `MessageHeader.focus`, resolved, in order; the definition's focus rules hold. */
  readonly focus: readonly FocusReference[];
  /** The JSON pointer of the MessageHeader in the document: `''` (bare) or `'/entry/0/resource'` (Bundle). */
  readonly pointer: string;
}

/**
 * The MessageDefinition fields `defineEvent` reads: an R4 `MessageDefinition` with an `eventCoding` whose
 * `code` becomes the event's `type`. Any other field of the resource may be given too.
 *
 * @example
 * ```ts
 * import type { MessageDefinitionInput } from 'bwell-webhooks';
 *
 * const definition: MessageDefinitionInput<'user-merge-completed'> = {
 *   resourceType: 'MessageDefinition',
 *   status: 'active',
 *   date: '2026-12-01',
 *   eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
 *   focus: [{ code: 'Person', min: 1, max: '2' }],
 * };
 * ```
 */
export interface MessageDefinitionInput<T extends string = string> {
  /** Always `'MessageDefinition'`. */
  readonly resourceType: 'MessageDefinition';
  /** The event: `code` is the event's `type`, `system` (if given) must match too. */
  readonly eventCoding: {
    /** The code system; a message must name the same one, when given. */
    readonly system?: string;
    /** The event code: the event's `type`. */
    readonly code: T;
    /** A human-readable name. */
    readonly display?: string;
  };
  /** The canonical URL; a MessageHeader whose `definition` names another one gets an issue. */
  readonly url?: string;
  /** The resources the event is about: each `code` at least `min` and at most `max` (`'*'`) times. */
  readonly focus?: readonly {
    /** The resource type. */
    readonly code: string;
    /** The fewest references of that type a message may carry. */
    readonly min: number;
    /** The most: `'*'` (the default) or a positive integer. */
    readonly max?: string;
  }[];
  /** Whether the receiver acknowledges: `always`, `on-error`, `never` or `on-success`. */
  readonly responseRequired?: 'always' | 'on-error' | 'never' | 'on-success';
  /** Any other MessageDefinition field. */
  readonly [field: string]: unknown;
}

/**
 * An event the parser knows, made by {@link defineEvent}: its `type`, its MessageDefinition, and the reader of
 * its own fields. Pass it in `events: [...]` to `parseEvent`, `safeParseEvent`, `verifyEvent` or
 * `createWebhookHandler`.
 *
 * @example
 * ```ts
 * import type { EventDefinition } from 'bwell-webhooks';
 *
 * const describe = (event: EventDefinition) => `${event.type}: ${event.definition.url ?? '(no url)'}`;
 * ```
 */
export interface EventDefinition<T extends string = string, F extends object = object> {
  /** The event's `type`: the definition's `eventCoding.code`. */
  readonly type: T;
  /** The MessageDefinition, deeply frozen. */
  readonly definition: Readonly<MessageDefinition>;
  /** Reads the event's own fields from the checked message; may throw a `WebhookError` to refuse it. */
  readonly read: ((message: EventMessage) => F) | undefined;
}

/**
 * The event a definition yields: `type`, the message, its resolved `focus` and `issues`, and what `read` returned.
 *
 * @example
 * ```ts
 * import type { DefinedEvent } from 'bwell-webhooks';
 *
 * type MergeEvent = DefinedEvent<'user-merge-completed', { readonly survivorId: string }>;
 * const survivor = (event: MergeEvent) => event.survivorId;
 * ```
 */
export type DefinedEvent<T extends string, F extends object = Record<never, never>> = {
  readonly [K in keyof F | keyof WebhookEventBase | 'type' | 'focus']: K extends 'type'
    ? T
    : K extends 'focus'
      ? readonly FocusReference[]
      : K extends keyof WebhookEventBase
        ? WebhookEventBase[K]
        : K extends keyof F
          ? F[K]
          : never;
};

/**
 * The event type of an {@link EventDefinition} (or of a union of them).
 *
 * @example
 * ```ts
 * import { defineEvent, type EventOf } from 'bwell-webhooks';
 *
 * const merge = defineEvent({
 *   definition: {
 *     resourceType: 'MessageDefinition',
 *     eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
 *   },
 * });
 * type MergeEvent = EventOf<typeof merge>; // type: 'user-merge-completed'
 * ```
 */
export type EventOf<D> = D extends EventDefinition<infer T, infer F> ? DefinedEvent<T, F> : never;

/**
 * Options of {@link defineEvent}.
 *
 * @example
 * ```ts
 * import type { DefineEventOptions } from 'bwell-webhooks';
 *
 * const options: DefineEventOptions<'user-merge-completed', { readonly merged: number }> = {
 *   definition: {
 *     resourceType: 'MessageDefinition',
 *     eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
 *   },
 *   read: (message) => ({ merged: message.focus.length }),
 * };
 * ```
 */
export interface DefineEventOptions<T extends string, F extends object> {
  /** The event's MessageDefinition, as b.well publishes it (or as you write it). */
  readonly definition: MessageDefinitionInput<T>;
  /** Reads the event's own fields from the checked message (may throw a `WebhookError` to refuse it). */
  readonly read?: (message: EventMessage) => F;
}

const RESPONSES = ['always', 'on-error', 'never', 'on-success'];
const brand = Symbol.for('bwell-webhooks.EventDefinition');

/** Whether `value` was made by {@link defineEvent} (or is a built-in definition). */
export function isEventDefinition(value: unknown): value is EventDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** An event definition from a MessageDefinition, its setup checked; shared by the built-in events and defineEvent. */
export function createDefinition<T extends string, F extends object>(
  options: DefineEventOptions<T, F>,
  caller: string,
): EventDefinition<T, F> {
  const mistake = (what: string): never => {
    throw new TypeError(`${caller}: ${what}`);
  };
  const { definition, read } = options ?? {};
  if (typeof definition !== 'object' || definition === null) mistake('options.definition must be a MessageDefinition');
  if (definition.resourceType !== 'MessageDefinition') mistake('definition.resourceType must be "MessageDefinition"');
  const { eventCoding, url, focus, responseRequired } = definition;
  if (typeof eventCoding !== 'object' || eventCoding === null) {
    mistake('definition.eventCoding is required: its code is the event type (an eventUri cannot be matched)');
  }
  if (typeof eventCoding.code !== 'string' || eventCoding.code === '')
    mistake('definition.eventCoding.code must be a string');
  if (eventCoding.system !== undefined && typeof eventCoding.system !== 'string') {
    mistake('definition.eventCoding.system must be a string');
  }
  if (eventCoding.code === 'unknown') mistake('"unknown" is the type of events no definition matches');
  if (url !== undefined && typeof url !== 'string') mistake('definition.url must be a string');
  if (responseRequired !== undefined && !RESPONSES.includes(responseRequired)) {
    mistake(`definition.responseRequired must be one of ${RESPONSES.join(', ')}`);
  }
  if (focus !== undefined) {
    if (!Array.isArray(focus)) mistake('definition.focus must be an array');
    const codes = new Set<string>();
    for (const [i, rule] of focus.entries()) {
      const max = rule?.max === undefined || rule.max === '*' ? Number.POSITIVE_INFINITY : Number(rule.max);
      if (typeof rule?.code !== 'string' || !/^[A-Z][A-Za-z]+$/.test(rule.code)) {
        mistake(`definition.focus[${i}].code must be a resource type`);
      }
      if (codes.has(rule.code)) mistake(`definition.focus lists ${rule.code} twice`);
      codes.add(rule.code);
      if (!(Number.isSafeInteger(rule.min) && rule.min >= 0))
        mistake(`definition.focus[${i}].min must be an integer >= 0`);
      // md-1: max is '*' or a positive integer; and no rule can ask for more than it allows.
      if (!((Number.isSafeInteger(max) || max === Number.POSITIVE_INFINITY) && max >= Math.max(rule.min, 1))) {
        mistake(`definition.focus[${i}].max must be "*" or an integer string >= min and >= 1 (md-1)`);
      }
    }
  }
  if (read !== undefined && typeof read !== 'function') mistake('options.read must be a function');
  const event = {
    type: eventCoding.code,
    definition: deepFreeze(structuredClone(definition)) as unknown as Readonly<MessageDefinition>,
    read,
  };
  Object.defineProperty(event, brand, { value: true });
  return Object.freeze(event);
}
