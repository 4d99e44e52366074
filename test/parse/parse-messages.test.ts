// The words of parseEvent's refusals and reports that other suites only match in part: strict validation's
// count of further issues, unknown_event with events of more than one system, the endpoint's format issue,
// a message Bundle with no entries, a syntax error's position, and the duplicate-name proof's false alarm.
import { describe, expect, it } from 'vitest';
import { defineEvent, type MessageDefinitionInput, parseEvent, safeParseEvent } from '../../src/index.js';
import { readJson, refuseRepeatedNames } from '../../src/parse/read-json.js';
import { eventOf, type Json, published, refusalOf, variant } from './fixtures.js';

const definition = <const T extends string>(system: string, code: T): MessageDefinitionInput<T> => ({
  resourceType: 'MessageDefinition',
  url: `https://example.org/fhir/MessageDefinition/${code}`,
  status: 'active',
  date: '2026-12-01',
  eventCoding: { system, code },
  category: 'notification',
  focus: [{ code: 'Person', min: 1, max: '1' }],
  responseRequired: 'on-error',
});
const BWELL = 'http://icanbwell.com/event-types';
const FOREIGN = 'https://example.org/events';
const merge = defineEvent({ definition: definition(BWELL, 'user-merge-completed'), read: () => ({}) });
const shared = defineEvent({ definition: definition(FOREIGN, 'record-shared'), read: () => ({}) });

const withCode = (code: string) => variant(published.userDeleteBare, (h) => (h.eventCoding.code = code));

describe("validation: 'strict', word for word", () => {
  it('names the one issue, with no count of others', () => {
    const broken = variant(published.userDeleteBare, (h) => (h.source.endpoint = 'icanbwell.com'));
    expect(refusalOf(broken, { validation: 'strict' })).toMatchObject({
      code: 'nonconformant_message',
      pointer: '/source/endpoint',
      message: 'Expected an absolute URL at /source/endpoint, found the string "icanbwell.com" (R4 rule format).',
    });
  });

  it('names the first of three issues and counts the other two', () => {
    const broken = variant(published.userDeleteBare, (h) => {
      h.source.endpoint = 'icanbwell.com';
      h.destination[0].name = '';
      h.destination[0].endpoint = 'https://a b';
    });
    expect(eventOf(broken).issues.map((issue) => issue.pointer)).toEqual([
      '/destination/0/endpoint',
      '/destination/0/name',
      '/source/endpoint',
    ]);
    expect(refusalOf(broken, { validation: 'strict' })).toMatchObject({
      code: 'nonconformant_message',
      pointer: '/destination/0/endpoint',
      message:
        'Expected a FHIR url at /destination/0/endpoint, found the string "https://a b" (R4 rule format) (and 2 more).',
    });
  });
});

describe('unknown_event with events of the caller', () => {
  it('says "a b.well event" when every event is in the b.well system, listing them all', () => {
    expect(refusalOf(withCode('user-renamed'), { events: [merge], unknownEvents: 'reject' })).toMatchObject({
      code: 'unknown_event',
      pointer: '/eventCoding/code',
      message:
        'Expected a b.well event (user-delete-completed, data-export-completed, user-merge-completed in ' +
        'http://icanbwell.com/event-types) at /eventCoding/code, found the code "user-renamed".',
    });
  });

  it('says "a known event" and lists both systems when an event is in another', () => {
    const options = { events: [merge, shared], unknownEvents: 'reject' } as const;
    expect(refusalOf(withCode('user-renamed'), options)).toMatchObject({
      code: 'unknown_event',
      pointer: '/eventCoding/code',
      message:
        'Expected a known event (user-delete-completed, data-export-completed, user-merge-completed, record-shared ' +
        'in http://icanbwell.com/event-types or https://example.org/events) at /eventCoding/code, found the code "user-renamed".',
    });
    const elsewhere = variant(published.userDeleteBare, (h) => (h.eventCoding.system = 'https://other.example'));
    expect(refusalOf(elsewhere, { events: [shared], strict: true })).toMatchObject({
      code: 'unknown_event',
      pointer: '/eventCoding/system',
      message:
        'Expected a known event (user-delete-completed, data-export-completed, record-shared in ' +
        'http://icanbwell.com/event-types or https://example.org/events) at /eventCoding/system, found the system "https://other.example".',
    });
  });

  it('parses an event of the other system', () => {
    const event = parseEvent(
      variant(published.userDeleteBare, (h) => (h.eventCoding = { system: FOREIGN, code: 'record-shared' })),
      { events: [shared] },
    );
    expect(event).toMatchObject({ type: 'record-shared', issues: [] });
  });

  it('names parseEvent in the TypeError for two definitions of one event', () => {
    expect(() => parseEvent(published.userDeleteBare, { events: [merge, merge] })).toThrow(
      new TypeError('parseEvent: options.events has two definitions for the event user-merge-completed'),
    );
  });
});

describe('the message shape', () => {
  it('refuses a message Bundle whose entry is empty: no MessageHeader first', () => {
    const error = refusalOf({ resourceType: 'Bundle', type: 'message', entry: [] });
    expect(error).toMatchObject({
      code: 'missing_field',
      pointer: '/entry/0/resource',
      message: 'Expected the MessageHeader as the first entry at /entry/0/resource, found nothing.',
    });
  });

  it('takes a source endpoint given only as _endpoint, with no issue', () => {
    const absent = {
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }],
    };
    const event = eventOf(variant(published.userDeleteBare, (h) => (h.source = { _endpoint: absent })));
    expect(event).toMatchObject({ type: 'user-delete-completed', issues: [] });
    expect(event.messageHeader.source).toEqual({ _endpoint: absent });
  });

  it('reports an empty source endpoint once, as ele-1, not as a relative URL', () => {
    expect(eventOf(variant(published.userDeleteBare, (h) => (h.source.endpoint = ''))).issues).toEqual([
      {
        rule: 'ele-1',
        pointer: '/source/endpoint',
        message: 'Expected a FHIR url with a value at /source/endpoint, found an empty string.',
      },
    ]);
  });

  it('words the format issue of a relative source endpoint, in both shapes', () => {
    expect(eventOf(variant(published.userDeleteBare, (h) => (h.source.endpoint = '/webhook'))).issues).toEqual([
      {
        rule: 'format',
        pointer: '/source/endpoint',
        message: 'Expected an absolute URL at /source/endpoint, found the string "/webhook".',
      },
    ]);
    const bundle = variant(published.userDeleteBundle, (b: Json) => (b.entry[0].resource.source.endpoint = 'a'));
    expect(eventOf(bundle).issues).toEqual([
      {
        rule: 'format',
        pointer: '/entry/0/resource/source/endpoint',
        message: 'Expected an absolute URL at /entry/0/resource/source/endpoint, found the string "a".',
      },
    ]);
  });
});

describe('the raw body', () => {
  it('words a syntax error with its line, column and offset', () => {
    const error = refusalOf('{\n  "resourceType": "MessageHeader",\n  "id": mh1\n}');
    expect(error).toMatchObject({
      code: 'invalid_json',
      message: 'Expected a JSON value at line 3, column 9 (offset 45), found the character "m": the body is not JSON.',
    });
  });

  it('words a syntax error of bytes the same way', () => {
    const error = refusalOf(new TextEncoder().encode('[1,]'));
    expect(error.message).toBe(
      'Expected a JSON value at line 1, column 4 (offset 3), found the character "]": the body is not JSON.',
    );
  });

  it('parses a body whose text counts more colons than its value holds, with no repeated name', () => {
    // An escaped backslash before u003a: the text shows a \u003a, the value holds no colon.
    const body = JSON.stringify(variant(published.userDeleteBare, (h) => (h.destination[0].name = 'a\\u003ab')));
    expect(body).toContain('a\\\\u003ab');
    const event = eventOf(body);
    expect(event.messageHeader.destination?.[0]?.name).toBe('a\\u003ab');
    expect(safeParseEvent(body)).toMatchObject({ success: true });
  });

  it('lets refuseRepeatedNames through a text whose count only differs, and refuses a real repeat', () => {
    expect(() => refuseRepeatedNames('{"a":"\\\\u003a"}', 1, false)).not.toThrow();
    expect(() => refuseRepeatedNames('{"a":1}', 0, true)).not.toThrow();
    for (const compact of [true, false]) {
      expect(() => refuseRepeatedNames('{"a":1,"a":2}', 1, compact)).toThrow(
        expect.objectContaining({ code: 'invalid_json', pointer: '/a' }),
      );
    }
  });

  it('reads a text and its value', () => {
    expect(readJson('\ufeff{"a":1}', 100)).toEqual({ value: { a: 1 }, text: '{"a":1}' });
    const value = { a: 1 };
    expect(readJson(value, 0)).toEqual({ value, text: undefined });
  });
});
