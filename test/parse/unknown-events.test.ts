import { describe, expect, it } from 'vitest';
import { acknowledgement, bothShapes, eventOf, type Json, published, refusalOf, variant } from './fixtures.js';

describe.each(bothShapes(published.userDeleteBare))('unknown events in a %s', (_, document, p) => {
  const withHeader = (edit: (header: Json) => void) =>
    variant(document, (copy) => edit(p === '' ? copy : copy.entry[0].resource));

  const cases: [string, (h: Json) => void, string, string][] = [
    [
      'another b.well code',
      (h) => (h.eventCoding.code = 'user-created'),
      '/eventCoding/code',
      'the code "user-created"',
    ],
    [
      'another system',
      (h) => (h.eventCoding.system = 'https://example.org/events'),
      '/eventCoding/system',
      'the system "https://example.org/events"',
    ],
    ['no system', (h) => delete h.eventCoding.system, '/eventCoding/system', 'no system'],
    ['no code', (h) => delete h.eventCoding.code, '/eventCoding/code', 'no code'],
    [
      'an eventUri',
      (h) => {
        delete h.eventCoding;
        h.eventUri = 'https://icanbwell.com/events/user-delete-completed';
      },
      '/eventUri',
      'the eventUri "https://icanbwell.com/events/user-delete…"',
    ],
    [
      'a code named like an Object.prototype member',
      (h) => (h.eventCoding.code = 'constructor'),
      '/eventCoding/code',
      'the code "constructor"',
    ],
    ['the code __proto__', (h) => (h.eventCoding.code = '__proto__'), '/eventCoding/code', 'the code "__proto__"'],
  ];

  it.each(cases)('returns type unknown for %s, carrying the coding or uri', (_, edit) => {
    const input = withHeader(edit);
    const event = eventOf(input);
    const header = p === '' ? input : input.entry[0].resource;
    expect(event).toMatchObject({ type: 'unknown', eventCoding: header.eventCoding, eventUri: header.eventUri });
    expect(event.bundle === undefined).toBe(p === '');
  });

  it.each(cases)(
    'refuses %s with unknown_event under unknownEvents: reject, pointing at the cause',
    (_, edit, pointer, found) => {
      const error = refusalOf(withHeader(edit), { unknownEvents: 'reject' });
      expect(error).toMatchObject({ code: 'unknown_event', pointer: `${p}${pointer}` });
      expect(error.message).toBe(
        `Expected a b.well event (user-delete-completed, data-export-completed in http://icanbwell.com/event-types) at ${p}${pointer}, found ${found}.`,
      );
    },
  );

  it('does not require a Person focus of an unknown event', () => {
    const event = eventOf(
      withHeader((h) => {
        h.eventCoding.code = 'organization-updated';
        h.focus[0].reference = 'Organization/1';
      }),
    );
    expect(event.type).toBe('unknown');
  });

  it('still applies the FHIR rules to an unknown event', () => {
    const error = refusalOf(
      withHeader((h) => {
        h.eventCoding.code = 'user-created';
        delete h.source;
      }),
    );
    expect(error).toMatchObject({ code: 'missing_field', pointer: `${p}/source` });
  });

  it('parses known events normally under unknownEvents: reject', () => {
    expect(eventOf(document, { unknownEvents: 'reject' }).type).toBe('user-delete-completed');
  });

  it.each(cases)('still honours the deprecated strict: true as unknownEvents: reject, for %s', (_, edit, pointer) => {
    const input = withHeader(edit);
    expect(refusalOf(input, { strict: true })).toMatchObject({ code: 'unknown_event', pointer: `${p}${pointer}` });
    expect(eventOf(input, { unknownEvents: 'accept' }).type).toBe('unknown');
    expect(eventOf(input, { validation: 'strict' }).type).toBe('unknown');
  });
});

describe('b.well acknowledgement Bundle', () => {
  it('parses as an unknown event (webhook-payload-received), so a receiver never crashes on it', () => {
    const event = eventOf(acknowledgement);
    expect(event).toMatchObject({
      type: 'unknown',
      eventCoding: { system: 'http://icanbwell.com/event-types', code: 'webhook-payload-received' },
      eventUri: undefined,
    });
    expect(event.bundle?.id).toBe('bundle-webhook-response');
  });
});
