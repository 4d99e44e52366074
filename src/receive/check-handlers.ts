// Handlers are required: a known event with no handler and not ignored is a set-up mistake, refused at
// creation with a TypeError, because the delivery it would acknowledge (a deletion notice) is lost for good
// once acknowledged. The types say the same; this is for JavaScript callers and casts. Internal.

import { KNOWN_EVENT_TYPES } from '../events/catalogue.js';
import type { KnownEventType } from '../events/types.js';
import { mistake } from '../verify/secrets.js';

type Handler = (...args: never[]) => unknown;

/** The handler of each known event type (`undefined` where it is ignored), after checking `on` and `ignore`. */
export function checkHandlers(on: unknown, ignore: unknown): ReadonlyMap<string, Handler | undefined> {
  const fail = (what: string): never => mistake(`createWebhookHandler: ${what}`);
  const known = (type: unknown): type is KnownEventType => KNOWN_EVENT_TYPES.includes(type as KnownEventType);
  const list = KNOWN_EVENT_TYPES.map((type) => `"${type}"`).join(', ');
  if (typeof on !== 'object' || on === null) {
    fail(`on must have a handler for each event (${list}), or list the event in ignore`);
  }
  if (ignore !== undefined && !Array.isArray(ignore)) fail('ignore must be an array of event types');
  const ignored = new Set<unknown>(ignore as unknown[] | undefined);
  for (const type of ignored) {
    if (!known(type)) fail(`ignore lists ${quote(type)}, which is not an event this SDK knows (${list})`);
  }
  const handlers = on as Record<string, unknown>;
  for (const key of Object.keys(handlers)) {
    if (!known(key)) {
      fail(`on[${quote(key)}] is not an event this SDK knows (${list}); events added later go to onUnknown`);
    }
  }
  const found = new Map<string, Handler | undefined>();
  for (const type of KNOWN_EVENT_TYPES) {
    const handler = handlers[type];
    if (ignored.has(type)) {
      if (handler !== undefined) fail(`"${type}" is in ignore and has a handler in on: keep one of the two`);
      found.set(type, undefined);
    } else if (typeof handler === 'function') {
      found.set(type, handler as Handler);
    } else {
      fail(
        handler === undefined
          ? `no handler for "${type}": add on["${type}"], or list it in ignore to acknowledge it without one`
          : `on["${type}"] must be a function`,
      );
    }
  }
  return found;
}

const quote = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : String(value));
