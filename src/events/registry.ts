// The events a parse knows: the built-in ones, then the caller's `events`, checked once per array. Internal.

import type { Coding } from 'fhir/r4.js';
import { BUILT_IN_EVENTS } from './catalogue.js';
import { type EventDefinition, isEventDefinition } from './event-definition.js';

/** The events one call of parseEvent (or one handler) knows. */
export interface Registry {
  /** Every definition: the built-in ones first. */
  readonly events: readonly EventDefinition[];
  /** The definition a message's `eventCoding` matches, or `undefined` for an unknown event. */
  find(coding: Coding | undefined): EventDefinition | undefined;
  /** The definition of an event type, or `undefined` (for `unknown`). */
  byType(type: string): EventDefinition | undefined;
}

const builtIn = /* @__PURE__ */ createRegistry(BUILT_IN_EVENTS);
const cache = new WeakMap<readonly unknown[], Registry>();

/** The registry of `events` (the caller's option), checked: a TypeError names what is wrong with it. */
export function registryOf(events: readonly unknown[] | undefined, caller: string): Registry {
  if (events === undefined || events.length === 0) return builtIn;
  const cached = cache.get(events);
  if (cached !== undefined) return cached;
  if (!Array.isArray(events))
    throw new TypeError(`${caller}: options.events must be an array of defineEvent() results`);
  const all = [...BUILT_IN_EVENTS];
  for (const event of events) {
    if (!isEventDefinition(event))
      throw new TypeError(`${caller}: options.events holds something defineEvent did not make`);
    if (all.some((known) => known.type === event.type)) {
      throw new TypeError(`${caller}: options.events has two definitions for the event ${event.type}`);
    }
    all.push(event);
  }
  const registry = createRegistry(all);
  cache.set(events, registry);
  return registry;
}

function createRegistry(events: readonly EventDefinition[]): Registry {
  // By type, for every answer a receiver writes: the types are the definitions' own strings, hashed once.
  const types = new Map(events.map((event) => [event.type as string, event]));
  return {
    events,
    find(coding) {
      const code = coding?.code;
      // A scan of the known codes, not a lookup by the received one: a code such as "constructor" or "__proto__"
      // can never reach Object.prototype, and comparing a few short strings is cheaper than hashing a new one.
      for (const event of events) {
        if (event.type !== code) continue;
        const system = event.definition.eventCoding?.system;
        if (system === undefined || system === coding?.system) return event;
      }
      return undefined;
    },
    byType: (type) => types.get(type),
  };
}
