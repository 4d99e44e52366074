// Events users define from a MessageDefinition before the SDK ships them: checked at setup, parsed through the
// same path as the built-in events, held to their focus rules.
import { describe, expect, it } from 'vitest';
import { registryOf } from '../../src/events/registry.js';
import {
  defineEvent,
  MESSAGE_DEFINITIONS,
  type MessageDefinitionInput,
  parseEvent,
  safeParseEvent,
  verifyEvent,
  WebhookError,
} from '../../src/index.js';
import { buildEvent, buildUnknownEvent } from '../../src/testing/index.js';
import { eventOf, IN_BUNDLE, type Json, published, refusalOf, variant } from '../parse/fixtures.js';

const SYSTEM = 'http://icanbwell.com/event-types';
const MERGE: MessageDefinitionInput<'user-merge-completed'> = {
  resourceType: 'MessageDefinition',
  url: 'https://example.org/fhir/MessageDefinition/user-merge-completed',
  status: 'active',
  date: '2026-12-01',
  eventCoding: { system: SYSTEM, code: 'user-merge-completed' },
  category: 'notification',
  focus: [
    { code: 'Person', min: 2, max: '2' },
    { code: 'Organization', min: 0, max: '1' },
  ],
  responseRequired: 'on-error',
};
const merge = defineEvent({
  definition: MERGE,
  read: (message) => ({ people: message.focus.filter((f) => f.resourceType === 'Person').map((f) => f.id) }),
});
const events = [merge];

/** A merge message: the unknown-event builder's Bundle with a second Person. */
function mergeMessage(edit: (b: Json) => void = () => {}): Json {
  return variant(buildUnknownEvent({ code: 'user-merge-completed' }), (b) => {
    b.entry[0].resource.focus.push({ reference: 'Person/790' });
    b.entry.push({ fullUrl: 'https://icanbwell.com/fhir/Person/790', resource: { resourceType: 'Person', id: '790' } });
    edit(b);
  });
}
const header = (b: Json) => b.entry[0].resource;

describe('defineEvent', () => {
  it("makes an event whose type is the definition's eventCoding.code, with a frozen copy of the definition", () => {
    expect(merge.type).toBe('user-merge-completed');
    expect(merge.definition).toEqual(MERGE);
    expect(merge.definition).not.toBe(MERGE);
    expect(Object.isFrozen(merge.definition.focus?.[0])).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    ['no definition', {}, /options\.definition must be a MessageDefinition/],
    ['another resource type', { definition: { resourceType: 'Basic' } }, /resourceType must be "MessageDefinition"/],
    [
      'no eventCoding (an eventUri)',
      { definition: { resourceType: 'MessageDefinition', eventUri: 'https://x.example/e' } },
      /eventCoding is required/,
    ],
    ['no code', { definition: { ...MERGE, eventCoding: { system: SYSTEM } } }, /eventCoding\.code must be a string/],
    ['an empty code', { definition: { ...MERGE, eventCoding: { code: '' } } }, /eventCoding\.code must be a string/],
    [
      'a system that is not a string',
      { definition: { ...MERGE, eventCoding: { code: 'x', system: 1 } } },
      /system must be a string/,
    ],
    ['the code unknown', { definition: { ...MERGE, eventCoding: { code: 'unknown' } } }, /"unknown" is the type/],
    ['a url that is not a string', { definition: { ...MERGE, url: 1 } }, /url must be a string/],
    [
      'an unknown responseRequired',
      { definition: { ...MERGE, responseRequired: 'sometimes' } },
      /responseRequired must be one of/,
    ],
    [
      'a focus that is not an array',
      { definition: { ...MERGE, focus: { code: 'Person', min: 1 } } },
      /focus must be an array/,
    ],
    [
      'a focus code that is not a resource type',
      { definition: { ...MERGE, focus: [{ code: 'person', min: 1 }] } },
      /focus\[0\]\.code/,
    ],
    [
      'a focus type listed twice',
      {
        definition: {
          ...MERGE,
          focus: [
            { code: 'Person', min: 1 },
            { code: 'Person', min: 0 },
          ],
        },
      },
      /lists Person twice/,
    ],
    [
      'a negative min',
      { definition: { ...MERGE, focus: [{ code: 'Person', min: -1 }] } },
      /min must be an integer >= 0/,
    ],
    [
      'a max below min',
      { definition: { ...MERGE, focus: [{ code: 'Person', min: 2, max: '1' }] } },
      /max must be "\*" or an integer/,
    ],
    [
      'a max that is not a number',
      { definition: { ...MERGE, focus: [{ code: 'Person', min: 0, max: 'many' }] } },
      /max must be/,
    ],
    ['a read that is not a function', { definition: MERGE, read: 'x' }, /read must be a function/],
    ['an event the SDK already knows', { definition: MESSAGE_DEFINITIONS['user-delete-completed'] }, /already knows/],
  ])('is a TypeError at setup for %s', (_, options, message) => {
    expect(() => defineEvent(options as never)).toThrow(TypeError);
    expect(() => defineEvent(options as never)).toThrow(message);
  });

  it('accepts an unbounded max and a focus without max', () => {
    const many = defineEvent({
      definition: { ...MERGE, eventCoding: { code: 'x-many' }, focus: [{ code: 'Person', min: 1, max: '*' }] },
    });
    const open = defineEvent({
      definition: { ...MERGE, eventCoding: { code: 'x-open' }, focus: [{ code: 'Person', min: 1 }] },
    });
    const three = mergeMessage((b) => {
      header(b).eventCoding.code = 'x-many';
      header(b).focus.push({ reference: 'Person/791' });
    });
    expect(eventOf(three, { events: [many] })).toMatchObject({ type: 'x-many' });
    header(three).eventCoding.code = 'x-open';
    expect(eventOf(three, { events: [open] })).toMatchObject({ type: 'x-open' });
  });
});

describe('parseEvent with events', () => {
  it('parses a user-defined event, typed, with its focus resolved and its own fields', () => {
    const event = parseEvent(mergeMessage(), { events });
    if (event.type !== 'user-merge-completed') throw new Error(event.type);
    expect(event.people).toEqual(['789', '790']);
    expect(event.focus.map((f) => [f.reference, f.resourceType, f.resolvedBy])).toEqual([
      ['Person/789', 'Person', 'id'],
      ['Person/790', 'Person', 'id'],
    ]);
    expect(event.focus[1]?.resource).toEqual({ resourceType: 'Person', id: '790' });
    expect(event.issues).toEqual([]);
  });

  it('is unknown without the definition, and unknown_event with strict', () => {
    expect(parseEvent(mergeMessage()).type).toBe('unknown');
    expect(refusalOf(mergeMessage(), { strict: true }).code).toBe('unknown_event');
  });

  it('names the user events in the strict refusal', () => {
    const error = refusalOf(buildUnknownEvent({ code: 'user-created' }), { strict: true, events });
    expect(error.message).toContain('user-merge-completed');
  });

  it('still parses the built-in events the same way', () => {
    expect(eventOf(published.userDeleteBundle, { events })).toMatchObject({ type: 'user-delete-completed' });
  });

  it('matches the definition system: another system is another event', () => {
    const other = mergeMessage((b) => (header(b).eventCoding.system = 'https://other.example/events'));
    expect(parseEvent(other, { events }).type).toBe('unknown');
    const anySystem = defineEvent({ definition: { ...MERGE, eventCoding: { code: 'user-merge-completed' } } });
    expect(parseEvent(other, { events: [anySystem] }).type).toBe('user-merge-completed');
  });

  it('works through safeParseEvent and verifyEvent', async () => {
    const result = safeParseEvent(mergeMessage(), { events });
    expect(result.success && result.event.type).toBe('user-merge-completed');
    const { signPayload } = await import('../../src/index.js');
    const payload = JSON.stringify(mergeMessage());
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const headers = await signPayload({ payload, secret });
    const event = await verifyEvent({ payload, headers, secret, events });
    expect(event.type).toBe('user-merge-completed');
  });

  it('lets read refuse the message with a WebhookError', () => {
    const picky = defineEvent({
      definition: { ...MERGE, eventCoding: { code: 'user-merge-completed' } },
      read: (message) => {
        throw new WebhookError('invalid_field', 'no', { pointer: `${message.pointer}/focus` });
      },
    });
    expect(refusalOf(mergeMessage(), { events: [picky] })).toMatchObject({
      code: 'invalid_field',
      pointer: `${IN_BUNDLE}/focus`,
    });
  });

  it('does not let read change what the event is', () => {
    const sneaky = defineEvent({
      definition: { ...MERGE, eventCoding: { code: 'user-merge-completed' } },
      read: () => ({ type: 'user-delete-completed', focus: [], extra: 1 }),
    });
    expect(parseEvent(mergeMessage(), { events: [sneaky] })).toMatchObject({
      type: 'user-merge-completed',
      focus: [{ id: '789' }, { id: '790' }],
      extra: 1,
    });
  });

  it('builds an event without read from the message alone', () => {
    const plain = defineEvent({ definition: { ...MERGE, eventCoding: { code: 'user-merge-completed' } } });
    const event = parseEvent(mergeMessage(), { events: [plain] });
    expect(Object.keys(event).sort()).toEqual(['bundle', 'focus', 'issues', 'messageHeader', 'type']);
  });

  it.each<[unknown, RegExp]>([
    [[{ type: 'user-merge-completed' }], /something defineEvent did not make/],
    [[null], /something defineEvent did not make/],
    [['user-merge-completed'], /something defineEvent did not make/],
    [[merge, merge], /two definitions for the event user-merge-completed/],
    ['user-merge-completed', /must be an array/],
  ])('is a TypeError for events %j', (bad, message) => {
    expect(() => parseEvent(mergeMessage(), { events: bad as never })).toThrow(message);
  });
});

describe('focus rules of the definition', () => {
  it.each<[string, (b: Json) => void, string, string, string]>([
    ['too few', (b) => header(b).focus.pop(), 'missing_field', '/focus', 'exactly 2 Person focus references'],
    ['no focus at all', (b) => delete header(b).focus, 'missing_field', '/focus', 'exactly 2 Person focus'],
    [
      'too many',
      (b) => header(b).focus.push({ reference: 'Person/791' }),
      'invalid_field',
      '/focus/2/reference',
      'exactly 2',
    ],
    [
      'a type the definition does not list',
      (b) => header(b).focus.push({ reference: 'Patient/1' }),
      'invalid_field',
      '/focus/2/reference',
      'a focus of type Person or Organization',
    ],
    [
      'too many of an optional type',
      (b) => header(b).focus.push({ reference: 'Organization/1' }, { reference: 'Organization/2' }),
      'invalid_field',
      '/focus/3/reference',
      'at most 1 Organization focus references',
    ],
  ])('refuses %s with a pointer', (_, edit, code, pointer, expected) => {
    const error = refusalOf(mergeMessage(edit), { events });
    expect(error).toMatchObject({ code, pointer: `${IN_BUNDLE}${pointer}` });
    expect(error.message).toContain(expected);
  });

  it('accepts an optional type within its max', () => {
    const event = parseEvent(
      mergeMessage((b) => header(b).focus.push({ reference: 'Organization/1' })),
      { events },
    );
    expect(event.type === 'user-merge-completed' && event.focus[2]).toMatchObject({
      resourceType: 'Organization',
      resolvedBy: 'none',
    });
  });

  it('says "at least" and "at most" for a range', () => {
    const range = defineEvent({
      definition: {
        ...MERGE,
        eventCoding: { code: 'user-merge-completed' },
        focus: [{ code: 'Person', min: 1, max: '3' }],
      },
    });
    const four = mergeMessage((b) => header(b).focus.push({ reference: 'Person/791' }, { reference: 'Person/792' }));
    expect(refusalOf(four, { events: [range] }).message).toContain(
      'Expected at least 1 and at most 3 Person focus references at /entry/0/resource/focus/3/reference',
    );
  });

  it('hands read the pointer of the MessageHeader in either shape', () => {
    const pointers: string[] = [];
    const spy = defineEvent({
      definition: { ...MERGE, eventCoding: { code: 'user-merge-completed' } },
      read: (message) => {
        pointers.push(message.pointer);
        return {};
      },
    });
    parseEvent(mergeMessage(), { events: [spy] });
    parseEvent(buildEvent(spy, { shape: 'header' }), { events: [spy] });
    expect(pointers).toEqual(['/entry/0/resource', '']);
  });

  it('finds each definition by type, for the receiver', () => {
    const registry = registryOf(events, 'test');
    expect(registry.byType('user-merge-completed')).toBe(merge);
    expect(registry.byType('user-delete-completed')?.definition.url).toBe(
      MESSAGE_DEFINITIONS['user-delete-completed'].url,
    );
    expect(registry.byType('unknown')).toBeUndefined();
    expect(registry.events.map((event) => event.type)).toEqual([
      'user-delete-completed',
      'data-export-completed',
      'user-merge-completed',
    ]);
    expect(registryOf([], 'test').events).toHaveLength(2);
    expect(registryOf(events, 'test')).toBe(registry);
  });

  it('says "at least" for an unbounded minimum', () => {
    const some = defineEvent({
      definition: { ...MERGE, eventCoding: { code: 'user-merge-completed' }, focus: [{ code: 'Person', min: 3 }] },
    });
    expect(refusalOf(mergeMessage(), { events: [some] }).message).toContain('at least 3 Person focus references');
  });

  it('leaves the focus unchecked when the definition lists none', () => {
    const free = defineEvent({
      definition: { resourceType: 'MessageDefinition', eventCoding: { code: 'user-merge-completed' } },
    });
    const event = parseEvent(
      mergeMessage((b) => header(b).focus.push({ reference: 'Patient/1' })),
      { events: [free] },
    );
    expect(event.type === 'user-merge-completed' && event.focus.length).toBe(3);
  });

  it('holds the built-in events to theirs: exactly one Person', () => {
    const error = refusalOf(variant(published.userDeleteBare, (h) => h.focus.push({ reference: 'Person/1' })));
    expect(error).toMatchObject({ code: 'invalid_field', pointer: '/focus/1/reference' });
    expect(error.message).toContain('exactly one Person focus');
  });
});

describe('MessageHeader.definition', () => {
  it('reports a definition that names another canonical in event.issues, without refusing', () => {
    const event = eventOf(
      mergeMessage((b) => (header(b).definition = 'https://example.org/other|2')),
      { events },
    );
    expect(event.issues).toEqual([
      {
        rule: 'MessageHeader.definition',
        pointer: `${IN_BUNDLE}/definition`,
        message: expect.stringContaining('https://example.org/other|2'),
      },
    ]);
  });

  it("refuses it under validation: 'strict', like any other issue", () => {
    const message = mergeMessage((b) => (header(b).definition = 'https://example.org/other|2'));
    expect(refusalOf(message, { events, validation: 'strict' })).toMatchObject({
      code: 'nonconformant_message',
      pointer: `${IN_BUNDLE}/definition`,
    });
  });

  it('ignores the version of the canonical', () => {
    const event = eventOf(
      mergeMessage((b) => (header(b).definition = `${MERGE.url}|3.1`)),
      { events },
    );
    expect(event.issues).toEqual([]);
  });

  it("reports a built-in event's definition that is not ours", () => {
    const event = eventOf(variant(published.userDeleteBare, (h) => (h.definition = 'https://icanbwell.com/fhir/md/x')));
    expect(event.issues).toHaveLength(1);
    const ours = MESSAGE_DEFINITIONS['user-delete-completed'].url;
    expect(eventOf(variant(published.userDeleteBare, (h) => (h.definition = ours))).issues).toEqual([]);
  });

  it('has nothing to compare with when the registered definition has no url', () => {
    const { url: _url, ...noUrl } = MERGE;
    const anonymous = defineEvent({ definition: noUrl as typeof MERGE });
    const event = eventOf(
      mergeMessage((b) => (header(b).definition = 'https://example.org/other')),
      {
        events: [anonymous],
      },
    );
    expect(event.issues).toEqual([]);
  });
});
