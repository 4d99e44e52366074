// A message whose eventCoding a definition matches -> its typed event: the focus resolved and held to the
// definition's focus rules, `MessageHeader.definition` compared with the definition's url, then `read`. One path
// for the built-in events and the ones users define. Internal to parse.

import { invalidField, missingField } from '../lib/fail.js';
import { toPointer } from '../lib/pointer.js';
import type { EventDefinition } from './event-definition.js';
import type { ReadableMessage, ReceivedMessage } from './read-fields.js';
import { resolveFocus } from './resolve-focus.js';
import type { FocusReference } from './types.js';

/** The event of `message` under `event`'s definition, or a WebhookError with a pointer. */
export function buildEvent(definitionOf: EventDefinition, message: ReceivedMessage): object {
  const { messageHeader, bundle, path, issues } = message;
  const { type, read, definition } = definitionOf;
  const focus = resolveFocus(message);
  if (definition.focus !== undefined) checkFocus(definition.focus, focus, message);
  checkDefinitionUrl(definition.url, message);
  if (read === undefined) return { type, messageHeader, bundle, issues, focus };
  const pointer = path.length === 0 ? '' : IN_BUNDLE;
  const readable: ReadableMessage = { messageHeader, bundle, path, issues, focus, pointer };
  // `read` adds fields; it cannot change what the event is, so the definition's own are written again after.
  // Object.assign, not a spread: V8 builds an object literal that starts with a spread on a slow path.
  const event: Record<string, unknown> = Object.assign({ type, messageHeader, bundle, issues, focus }, read(readable));
  event.type = type;
  event.messageHeader = messageHeader;
  event.bundle = bundle;
  event.issues = issues;
  event.focus = focus;
  return event;
}

const IN_BUNDLE = '/entry/0/resource';

type FocusRule = NonNullable<EventDefinition['definition']['focus']>[number];

// MessageDefinition.focus: each listed resource type at least `min` and at most `max` times, and no other type.
// Indexed loops over a list or two, `max` read once per rule: this runs on every delivery.
function checkFocus(rules: readonly FocusRule[], focus: readonly FocusReference[], message: ReceivedMessage): void {
  for (let i = 0; i < focus.length; i++) {
    const { resourceType, reference } = focus[i] as FocusReference;
    if (listed(rules, resourceType)) continue;
    const expected = `a focus of type ${rules.map((rule) => rule.code).join(' or ')}`;
    throw invalidField([...message.path, 'focus', i, 'reference'], expected, reference);
  }
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as FocusRule;
    const max = maxOf(rule);
    let count = 0;
    for (let i = 0; i < focus.length; i++) {
      const { resourceType, reference } = focus[i] as FocusReference;
      if (resourceType !== rule.code || ++count <= max) continue;
      throw invalidField([...message.path, 'focus', i, 'reference'], howMany(rule), reference);
    }
    if (count < rule.min) throw missingField([...message.path, 'focus'], howMany(rule));
  }
}

function listed(rules: readonly FocusRule[], type: string): boolean {
  for (let r = 0; r < rules.length; r++) if ((rules[r] as FocusRule).code === type) return true;
  return false;
}

const maxOf = (rule: FocusRule): number =>
  rule.max === undefined || rule.max === '*' ? Number.POSITIVE_INFINITY : Number(rule.max);

function howMany(rule: FocusRule): string {
  const max = maxOf(rule);
  if (rule.min === 1 && max === 1) return `exactly one ${rule.code} focus`;
  if (rule.min === max) return `exactly ${max} ${rule.code} focus references`;
  const least = rule.min === 0 ? '' : `at least ${rule.min}`;
  const most = max === Number.POSITIVE_INFINITY ? '' : `at most ${max}`;
  return `${[least, most].filter(Boolean).join(' and ')} ${rule.code} focus references`;
}

// The version of a canonical (`url|version`) is ignored: a newer version of the same definition is the same event.
function checkDefinitionUrl(url: string | undefined, message: ReceivedMessage): void {
  const stated: unknown = message.messageHeader.definition;
  if (url === undefined || typeof stated !== 'string') return;
  const canonical = (text: string) => text.split('|', 1)[0];
  if (canonical(stated) === canonical(url)) return;
  message.issues.push({
    rule: 'MessageHeader.definition',
    pointer: toPointer([...message.path, 'definition']),
    message: `The MessageHeader names the definition ${JSON.stringify(stated)}, but the event was read with ${JSON.stringify(url)}.`,
  });
}
