import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_BYTES, parseEvent, WebhookError } from '../../src/index.js';
import { asBundle, eventOf, published, refusalOf, userDeleteVerbatim, validVariants, variant } from './fixtures.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** The error a function throws; fails the test when it returns. */
function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('parseEvent', () => {
  describe('with b.well published examples', () => {
    it('parses the doc page user-delete example (bare MessageHeader)', () => {
      const event = parseEvent(JSON.stringify(published.userDeleteBare));
      expect(event).toMatchObject({
        type: 'user-delete-completed',
        person: { reference: 'Person/789', id: '789', resource: undefined },
        externalIdentifier: { system: 'urn:client:identifier', value: 'client-specific-identifier' },
        bundle: undefined,
      });
      expect(event.messageHeader.id).toBe('mh12345');
    });

    it('parses the doc page data-export example (bare MessageHeader)', () => {
      const event = parseEvent(JSON.stringify(published.dataExportBare));
      expect(event).toMatchObject({
        type: 'data-export-completed',
        person: { reference: 'Person/456', id: '456' },
        externalIdentifier: { value: 'client-specific-identifier' },
        downloadUrl: 'https://icanbwell.com/downloads/data-export-12345.zip',
      });
    });

    it('parses the OpenAPI user-delete example (message Bundle) with its focused Person', () => {
      const event = parseEvent(JSON.stringify(published.userDeleteBundle));
      expect(event.type).toBe('user-delete-completed');
      if (event.type !== 'user-delete-completed') return;
      expect(event.bundle?.id).toBe('bundle-user-delete');
      expect(event.messageHeader.resourceType).toBe('MessageHeader');
      expect(event.person.id).toBe('789');
      expect(event.person.resource?.id).toBe('789');
      expect(event.externalIdentifier).toEqual({
        use: 'official',
        system: 'urn:client:identifier',
        value: 'a5ddab6d-24b0-4e52-a99d-f33263db5997',
      });
    });

    it('parses the OpenAPI data-export example and keeps its download URL verbatim, both # included', () => {
      const event = parseEvent(JSON.stringify(published.dataExportBundle));
      if (event.type !== 'data-export-completed') throw new Error(`unexpected ${event.type}`);
      const url = published.dataExportBundle.entry[0]?.resource.extension?.[0]?.valueUri;
      expect(event.downloadUrl).toBe(url);
      expect(event.downloadUrl.split('#')).toHaveLength(3);
      expect(event.externalIdentifier?.value).toBe('a5ddab6d-24b0-4e52-a99d-f33263db5997');
    });

    it('gives the same event for a MessageHeader whether it arrives bare or in a message Bundle', () => {
      for (const header of [published.userDeleteBare, published.dataExportBare]) {
        const bare = eventOf(header);
        const inBundle = eventOf(asBundle(header));
        const { messageHeader: _a, bundle: _b, ...bareFields } = bare;
        const { messageHeader: _c, bundle: _d, ...bundleFields } = inBundle;
        expect(bundleFields).toEqual(bareFields);
        expect(inBundle.bundle).toBeDefined();
      }
    });

    it('refuses the doc page verbatim user-delete example as invalid_json, naming line and column', () => {
      const error = refusalOf(userDeleteVerbatim);
      expect(error.code).toBe('invalid_json');
      expect(error.pointer).toBeUndefined();
      expect(error.message).toContain('line 9, column 41');
      expect(error.message).toContain('found the character ">"');
      expect(error.message.length).toBeLessThan(200);
    });
  });

  describe('with each input type', () => {
    const text = JSON.stringify(published.userDeleteBundle);
    const inputs: [string, unknown][] = [
      ['a string', text],
      ['a Uint8Array', encode(text)],
      ['an ArrayBuffer', encode(text).buffer],
      ['a Uint8Array view into a larger buffer', encode(`xx${text}yy`).subarray(2, 2 + encode(text).length)],
      ['a DataView', new DataView(encode(text).buffer)],
      ['a DataView into a larger buffer', new DataView(encode(`xx${text}yy`).buffer, 2, encode(text).length)],
      ['an already-parsed object', JSON.parse(text)],
    ];
    it.each(inputs)('parses %s', (_, input) => {
      expect(eventOf(input)).toMatchObject({ type: 'user-delete-completed', person: { id: '789' } });
    });

    it("refuses bytes that are not UTF-8 as invalid_json, with the decoder's error as the cause", () => {
      const bytes = encode(text);
      bytes[30] = 0xff;
      const error = refusalOf(bytes);
      expect(error).toMatchObject({ code: 'invalid_json', message: expect.stringContaining('UTF-8') });
      const { name, message } = thrownBy(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      expect(error.cause).toMatchObject({ name, message });
    });

    it('ignores a leading UTF-8 byte order mark in bytes and in a string (RFC 8259 section 8.1)', () => {
      const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]);
      expect(eventOf(withBom).type).toBe('user-delete-completed');
      expect(eventOf(`\uFEFF${text}`).type).toBe('user-delete-completed');
    });

    it('refuses a second byte order mark as invalid_json', () => {
      expect(refusalOf(`\uFEFF\uFEFF${text}`).code).toBe('invalid_json');
    });

    it.each([
      ['an empty string', ''],
      ['whitespace', '  \n'],
      ['a truncated document', text.slice(0, -1)],
      ['a trailing comma', '{"resourceType":"MessageHeader",}'],
      ['single quotes', "{'resourceType':'MessageHeader'}"],
    ])('refuses %s as invalid_json', (_, input) => {
      expect(refusalOf(input).code).toBe('invalid_json');
    });

    it("keeps JSON.parse's SyntaxError as the cause of invalid_json", () => {
      const input = '{"resourceType":"MessageHeader",}';
      const { message } = thrownBy(() => JSON.parse(input));
      expect(refusalOf(input).cause).toMatchObject({ name: 'SyntaxError', message });
    });

    it('words invalid_json without a position when JSON.parse refuses text the syntax scan finds valid', () => {
      // No engine we run on does this (test/lib/json-syntax.test.ts checks that the scan agrees with JSON.parse),
      // but ECMAScript lets an engine refuse valid JSON on a resource limit, such as its stack: one is simulated.
      const limit = new RangeError('Maximum call stack size exceeded');
      const parse = vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
        throw limit;
      });
      try {
        const error = refusalOf(text);
        expect(error).toMatchObject({
          code: 'invalid_json',
          message: 'Expected JSON, found text that JSON.parse refused.',
          pointer: undefined,
        });
        expect(error.cause).toBe(limit);
      } finally {
        parse.mockRestore();
      }
    });

    it.each([
      ['null', 'null'],
      ['a number', '42'],
      ['a string', '"MessageHeader"'],
      ['an array', '[]'],
      ['undefined', undefined],
      ['a parsed number', 7],
    ])('refuses %s at the top level as not_a_message', (_, input) => {
      expect(refusalOf(input)).toMatchObject({ code: 'not_a_message', pointer: '' });
    });
  });

  describe('size cap', () => {
    // A valid event padded with trailing spaces to exactly `size` UTF-8 bytes.
    const ofSize = (size: number, filler = ' ') => {
      const text = JSON.stringify(published.userDeleteBare);
      const fillerBytes = encode(filler).length;
      const padding = (size - encode(text).length) / fillerBytes;
      if (!Number.isInteger(padding) || padding < 0) throw new Error('size does not fit');
      return text + filler.repeat(padding);
    };

    it('defaults to 1 MiB', () => {
      expect(DEFAULT_MAX_BYTES).toBe(1_048_576);
      expect(eventOf(ofSize(DEFAULT_MAX_BYTES)).type).toBe('user-delete-completed');
      expect(refusalOf(ofSize(DEFAULT_MAX_BYTES + 1)).code).toBe('payload_too_large');
    });

    it('accepts a body of exactly maxBytes and refuses one byte more, for strings, bytes and ArrayBuffers', () => {
      const exact = ofSize(2000);
      const over = ofSize(2001);
      for (const [fits, tooBig] of [
        [exact, over],
        [encode(exact), encode(over)],
        [encode(exact).buffer, encode(over).buffer],
      ]) {
        expect(eventOf(fits, { maxBytes: 2000 }).type).toBe('user-delete-completed');
        expect(refusalOf(tooBig, { maxBytes: 2000 })).toMatchObject({ code: 'payload_too_large', pointer: undefined });
      }
    });

    it('counts UTF-8 bytes, not string characters', () => {
      // U+00E9 is one UTF-16 code unit but two UTF-8 bytes.
      const accented = variant(published.userDeleteBare, (copy) => {
        copy.extension[0].valueIdentifier.value = 'é'.repeat(500);
      });
      const body = JSON.stringify(accented);
      const bytes = encode(body).length;
      expect(body.length).toBeLessThan(bytes);
      expect(eventOf(body, { maxBytes: bytes }).type).toBe('user-delete-completed');
      expect(refusalOf(body, { maxBytes: bytes - 1 }).code).toBe('payload_too_large');
    });

    it('checks the cap before parsing: oversized garbage is payload_too_large, not invalid_json', () => {
      expect(refusalOf('{'.repeat(101), { maxBytes: 100 }).code).toBe('payload_too_large');
      expect(refusalOf(new Uint8Array(101).fill(0xff), { maxBytes: 100 }).code).toBe('payload_too_large');
    });

    it('does not apply the cap to an already-parsed value', () => {
      expect(eventOf(published.userDeleteBare, { maxBytes: 10 }).type).toBe('user-delete-completed');
    });

    it.each([-1, 1.5, Number.NaN, '100'])('throws a TypeError for maxBytes %s, a caller mistake', (maxBytes) => {
      expect(() => parseEvent('{}', { maxBytes: maxBytes as number })).toThrow(TypeError);
    });

    it('accepts an infinite cap', () => {
      expect(eventOf(ofSize(3000), { maxBytes: Number.POSITIVE_INFINITY }).type).toBe('user-delete-completed');
    });
  });

  it('throws a WebhookError (not a TypeError) for bad input', () => {
    expect(() => parseEvent('nope')).toThrow(WebhookError);
  });
});

describe('parseEvent with valid FHIR variants', () => {
  it.each(Object.entries(validVariants))('parses %s, with no issues', (_, document) => {
    const event = eventOf(document);
    expect(['user-delete-completed', 'data-export-completed', 'unknown']).toContain(event.type);
    expect(event.issues).toEqual([]);
  });

  it('accepts null in the _name array of a repeating primitive, where FHIR JSON pads with null', () => {
    expect(eventOf(validVariants['a Person name padded with null in _given']).type).toBe('user-delete-completed');
  });

  it('accepts null in a repeating primitive array where its _x twin has the element (json.html)', () => {
    const document = variant(validVariants['a Person name padded with null in _given'], (b) => {
      b.entry[1].resource.name[0].given[1] = null;
    });
    const event = eventOf(document);
    expect(event.issues).toEqual([]);
  });

  it('refuses null in a repeating primitive array where its _x twin is null too: nothing is there', () => {
    const document = variant(validVariants['a Person name padded with null in _given'], (b) => {
      b.entry[1].resource.name[0].given[0] = null;
    });
    expect(refusalOf(document)).toMatchObject({ code: 'invalid_field', pointer: '/entry/1/resource/name/0/given/0' });
  });
});
