// Handlers are required: a known event with no handler and not ignored is a set-up mistake, refused at
// creation with a TypeError, because the delivery it would acknowledge (a deletion notice) is lost for good
// once acknowledged. The types say the same; this is for JavaScript callers and casts. Internal.

import type { EventDefinition } from '../events/event-definition.js';
import { mistake } from '../verify/secrets.js';

type Handler = (...args: never[]) => unknown;

/** The handler of each known event type (`undefined` where it is ignored), after checking `on` and `ignore`. */
export function checkHandlers(
  on: unknown,
  ignore: unknown,
  events: readonly EventDefinition[],
): ReadonlyMap<string, Handler | undefined> {
  const fail = (what: string): never => mistake(`createWebhookHandler: ${what}`);
  // The built-in events and the receiver's own `events`.
  const types = events.map((event) => event.type);
  const known = (type: unknown) => types.includes(type as string);
  if (ignore !== undefined && !Array.isArray(ignore)) fail('ignore must be an array of event types');
  const ignored = new Set<unknown>(ignore as unknown[] | undefined);
  const handlers = (on ?? fail('on must have a handler for each event, unless it is in ignore')) as Record<
    string,
    unknown
  >;
  for (const key of [...ignored, ...Object.keys(handlers)]) {
    if (!known(key))
      fail(
        `${quote(key)} is not an event this receiver knows (${types.join(', ')}): see onUnknown, or define it with defineEvent`,
      );
  }
  const found = new Map<string, Handler | undefined>();
  for (const type of types) {
    const handler = handlers[type];
    const skip = ignored.has(type);
    if (skip ? handler !== undefined : typeof handler !== 'function') {
      fail(
        skip
          ? `"${type}" is in ignore and has a handler in on: keep one of the two`
          : `no handler for "${type}": add on["${type}"] (a function), or list it in ignore to acknowledge it unhandled`,
      );
    }
    found.set(type, handler as Handler | undefined);
  }
  return found;
}

const quote = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : String(value));
