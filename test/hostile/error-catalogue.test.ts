// Every refusal of parseEvent, one bad input per check: the exact code, JSON pointer and message. The
// message is part of the contract (what was expected, where, and what was found, never more than an
// excerpt), so it is pinned here word for word; a wording change is a deliberate edit of this table.
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/index.js';
import { buildDataExportCompleted, buildUnknownEvent, buildUserDeleteCompleted } from '../../src/testing/index.js';
import { errorOf } from './helpers.js';

type Doc = ReturnType<typeof JSON.parse>;
const copy = (value: object): Doc => JSON.parse(JSON.stringify(value));
const header = (change: (doc: Doc) => void) => edited(buildUserDeleteCompleted({ shape: 'header' }), change);
const bundle = (change: (doc: Doc) => void) => edited(buildUserDeleteCompleted({ shape: 'bundle' }), change);
const dataExport = (change: (doc: Doc) => void) => edited(buildDataExportCompleted({ shape: 'header' }), change);
function edited(base: object, change: (doc: Doc) => void): Doc {
  const doc = copy(base);
  change(doc);
  return doc;
}
const message = (entry: unknown) => ({ resourceType: 'Bundle', type: 'message', entry });
const nested = (depth: number): unknown => (depth === 0 ? 'x' : [nested(depth - 1)]);

type Case = readonly [name: string, input: unknown, code: string, pointer: string | undefined, message: string];

// biome-ignore format: one bad input per row reads best as a table
const BODY: Case[] = [
  ['text that is not JSON', 'not json', 'invalid_json', undefined, 'Expected a JSON value at line 1, column 1 (offset 0), found the character "n": the body is not JSON.'],
  ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'invalid_json', undefined, 'Expected UTF-8 text, found bytes that are not valid UTF-8.'],
  ['an empty array', [], 'not_a_message', '', 'Expected a MessageHeader or a message Bundle at the top level, found an empty array.'],
  ['a Patient', { resourceType: 'Patient' }, 'not_a_message', '/resourceType', 'Expected "MessageHeader" or "Bundle" at /resourceType, found the string "Patient".'],
  ['a collection Bundle', { ...message([{ resource: header(() => {}) }]), type: 'collection' }, 'not_a_message', '/type', 'Expected a Bundle of type "message" at /type, found the string "collection".'],
];

// biome-ignore format: one bad input per row reads best as a table
const BUNDLE: Case[] = [
  ['a message Bundle without entries', { resourceType: 'Bundle', type: 'message' }, 'missing_field', '/entry', 'Expected the entries of the message Bundle at /entry, found nothing.'],
  ['entries that are not an array', message({ resource: { resourceType: 'MessageHeader' } }), 'invalid_field', '/entry', 'Expected an array of entries at /entry, found an object.'],
  ['an entry that is not an object', message([1]), 'invalid_field', '/entry/0', 'Expected a Bundle entry object at /entry/0, found number 1.'],
  ['a first entry without a resource', message([{ fullUrl: 'urn:x' }]), 'missing_field', '/entry/0/resource', 'Expected the MessageHeader as the first entry at /entry/0/resource, found nothing.'],
  ['a first resource that is a string', message([{ resource: 'x' }]), 'invalid_field', '/entry/0/resource', 'Expected a resource object at /entry/0/resource, found the string "x".'],
  ['a first resource without a resourceType', message([{ resource: { id: 'x' } }]), 'missing_field', '/entry/0/resource/resourceType', 'Expected the MessageHeader as the first entry at /entry/0/resource/resourceType, found nothing.'],
  ['the Person before the MessageHeader', bundle((b) => b.entry.reverse()), 'invalid_field', '/entry/0/resource/resourceType', 'Expected the MessageHeader as the first entry at /entry/0/resource/resourceType, found the string "Person".'],
];

// biome-ignore format: one bad input per row reads best as a table
const MESSAGE_HEADER: Case[] = [
  ['both eventCoding and eventUri', header((h) => { h.eventUri = 'https://x.example/e'; }), 'invalid_field', '/eventUri', 'Expected exactly one of eventCoding and eventUri at /eventUri, found both.'],
  ['neither eventCoding nor eventUri', header((h) => { delete h.eventCoding; }), 'missing_field', '/eventCoding', 'Expected eventCoding or eventUri at /eventCoding, found nothing.'],
  ['an eventCoding that is a string', header((h) => { h.eventCoding = 'x'; }), 'invalid_field', '/eventCoding', 'Expected a Coding object at /eventCoding, found the string "x".'],
  ['an event code that is a number', header((h) => { h.eventCoding.code = 1; }), 'invalid_field', '/eventCoding/code', 'Expected a string at /eventCoding/code, found number 1.'],
  ['a relative eventUri', header((h) => { delete h.eventCoding; h.eventUri = 'not a uri'; }), 'invalid_field', '/eventUri', 'Expected an absolute URI at /eventUri, found the string "not a uri".'],
  ['no source', header((h) => { delete h.source; }), 'missing_field', '/source', 'Expected the message source at /source, found nothing.'],
  ['a source that is a string', header((h) => { h.source = 'x'; }), 'invalid_field', '/source', 'Expected a source object at /source, found the string "x".'],
  ['a source without an endpoint', header((h) => { h.source = { name: 'b.well' }; }), 'missing_field', '/source/endpoint', 'Expected the source endpoint URL at /source/endpoint, found nothing.'],
  ['a relative source endpoint', header((h) => { h.source.endpoint = 'icanbwell.com'; }), 'invalid_field', '/source/endpoint', 'Expected an absolute URL at /source/endpoint, found the string "icanbwell.com".'],
  ['an id off the FHIR id rule', header((h) => { h.id = 'a b'; }), 'invalid_field', '/id', `Expected an id of 1-64 letters, digits, '-' or '.' at /id, found the string "a b".`],
];

// biome-ignore format: one bad input per row reads best as a table
const DOCUMENT: Case[] = [
  ['an empty string', header((h) => { h.destination[0].name = ''; }), 'invalid_field', '/destination/0/name', 'Expected a non-empty string at /destination/0/name, found an empty string.'],
  ['an empty array', header((h) => { h.destination = []; }), 'invalid_field', '/destination', 'Expected a non-empty array at /destination, found an empty array.'],
  ['an empty object', header((h) => { h.meta = {}; }), 'invalid_field', '/meta', 'Expected a non-empty object at /meta, found an empty object.'],
  ['a null', header((h) => { h.text = null; }), 'invalid_field', '/text', 'Expected a value (FHIR JSON has no null) at /text, found null.'],
  ['NaN in a parsed value', header((h) => { h.count = Number.NaN; }), 'invalid_field', '/count', 'Expected a JSON value at /count, found number NaN.'],
  ['undefined in a parsed value', { ...header(() => {}), gone: undefined }, 'invalid_field', '/gone', 'Expected a JSON value at /gone, found undefined.'],
  ['a function in a parsed value', { ...header(() => {}), fn: () => 1 }, 'invalid_field', '/fn', 'Expected a JSON value at /fn, found function.'],
  ['a bigint in a parsed value', { ...header(() => {}), big: 1n }, 'invalid_field', '/big', 'Expected a JSON value at /big, found bigint.'],
];

// biome-ignore format: one bad input per row reads best as a table
const EXTENSIONS: Case[] = [
  ['extensions that are an object', header((h) => { h.extension = { url: 'u', valueString: 'x' }; }), 'invalid_field', '/extension', 'Expected an array of extensions at /extension, found an object.'],
  ['an extension that is a number', header((h) => { h.extension = [1]; }), 'invalid_field', '/extension/0', 'Expected an Extension object at /extension/0, found number 1.'],
  ['an extension without a url', header((h) => { h.extension[0] = { valueString: 'x' }; }), 'missing_field', '/extension/0/url', 'Expected an extension url at /extension/0/url, found nothing.'],
  ['an extension url that is a number', header((h) => { h.extension[0] = { url: 1, valueString: 'x' }; }), 'invalid_field', '/extension/0/url', 'Expected a url string at /extension/0/url, found number 1.'],
  ['an extension with two value[x]', header((h) => { h.extension[0] = { url: 'u', valueString: 'a', valueCode: 'b' }; }), 'invalid_field', '/extension/0/valueCode', 'Expected exactly one value[x] in the extension at /extension/0/valueCode, found valueString and valueCode.'],
  ['value[x] named by the first and last capital letters', header((h) => { h.extension.push({ url: 'u', valueZ: 'x', valueA: 'y' }); }), 'invalid_field', '/extension/1/valueA', 'Expected exactly one value[x] in the extension at /extension/1/valueA, found valueZ and valueA.'],
  ['an extension without a value', header((h) => { h.extension[0] = { url: 'u' }; }), 'missing_field', '/extension/0', 'Expected a value[x] or nested extensions in the extension at /extension/0, found nothing.'],
  ['an extension whose only value key is "value"', header((h) => { h.extension.push({ url: 'u', value: 'x' }); }), 'missing_field', '/extension/1', 'Expected a value[x] or nested extensions in the extension at /extension/1, found nothing.'],
  ['an extension whose only value key is "valuex"', header((h) => { h.extension.push({ url: 'u', valuex: 'x' }); }), 'missing_field', '/extension/1', 'Expected a value[x] or nested extensions in the extension at /extension/1, found nothing.'],
  ['an extension whose only value key is "value["', header((h) => { h.extension.push({ url: 'u', 'value[': 'x' }); }), 'missing_field', '/extension/1', 'Expected a value[x] or nested extensions in the extension at /extension/1, found nothing.'],
  ['a value and nested extensions (FHIR ext-1)', header((h) => { h.extension[0] = { url: 'u', valueString: 'a', extension: [{ url: 'v', valueString: 'b' }] }; }), 'invalid_field', '/extension/0/extension', 'Expected no nested extensions next to valueString at /extension/0/extension, found an array.'],
];

// biome-ignore format: one bad input per row reads best as a table
const EVENT_FIELDS: Case[] = [
  ['no focus', header((h) => { delete h.focus; }), 'missing_field', '/focus', 'Expected exactly one Person focus at /focus, found nothing.'],
  ['a focus that is a string', header((h) => { h.focus = 'Person/1'; }), 'invalid_field', '/focus', 'Expected an array of references at /focus, found the string "Person/1".'],
  ['two Person focuses', header((h) => { h.focus = [{ reference: 'Person/1' }, { reference: 'Person/2' }]; }), 'invalid_field', '/focus/1/reference', 'Expected exactly one Person focus at /focus/1/reference, found the string "Person/2".'],
  ['a focus that is a number', header((h) => { h.focus = [1]; }), 'invalid_field', '/focus/0', 'Expected a Reference object at /focus/0, found number 1.'],
  ['a focus without a reference', header((h) => { h.focus = [{ display: 'x' }]; }), 'missing_field', '/focus/0/reference', 'Expected a literal reference (Type/id, an absolute URL, urn:uuid:... or #id) at /focus/0/reference, found nothing.'],
  ['a Patient focus', header((h) => { h.focus = [{ reference: 'Patient/1' }]; }), 'invalid_field', '/focus/0/reference', 'Expected a focus of type Person at /focus/0/reference, found the string "Patient/1".'],
  ['an external identifier that is a string', header((h) => { h.extension[0] = { url: h.extension[0].url, valueString: 'x' }; }), 'invalid_field', '/extension/0/valueString', 'Expected a valueIdentifier at /extension/0/valueString, found the string "x".'],
  ['a data export without a download URL', dataExport((h) => { h.extension.pop(); }), 'missing_field', '/extension', 'Expected a download-url extension at /extension, found nothing.'],
  ['an http download valueUri', dataExport((h) => { h.extension[1].valueUri = 'http://x.example/a'; }), 'invalid_field', '/extension/1/valueUri', 'Expected an absolute https:// URL at /extension/1/valueUri, found the string "http://x.example/a".'],
  ['an http download valueUrl', dataExport((h) => { h.extension[1] = { url: h.extension[1].url, valueUrl: 'http://x.example/a' }; }), 'invalid_field', '/extension/1/valueUrl', 'Expected an absolute https:// URL at /extension/1/valueUrl, found the string "http://x.example/a".'],
  ['a download URL as valueString', dataExport((h) => { h.extension[1] = { url: h.extension[1].url, valueString: 'https://x.example/a' }; }), 'invalid_field', '/extension/1/valueString', 'Expected a valueUri holding an https URL at /extension/1/valueString, found the string "https://x.example/a".'],
];

describe.each([
  ['the body', BODY],
  ['a message Bundle', BUNDLE],
  ['the MessageHeader', MESSAGE_HEADER],
  ['any value of the document', DOCUMENT],
  ['extensions', EXTENSIONS],
  ['the fields of a known event', EVENT_FIELDS],
])('parseEvent refuses, in %s,', (_, cases) => {
  it.each(cases)('%s', (_name, input, code, pointer, text) => {
    const error = errorOf(() => parseEvent(input));
    expect({ code: error.code, pointer: error.pointer, message: error.message }).toEqual({
      code,
      pointer,
      message: text,
    });
  });
});

describe('parseEvent accepts', () => {
  it('booleans, zero and false anywhere, which are JSON values like any other', () => {
    const doc = header((h) => {
      h.extension.push(
        { url: 'https://x.example/flag', valueBoolean: false },
        { url: 'https://x.example/n', valueInteger: 0 },
      );
    });
    expect(parseEvent(JSON.stringify(doc)).type).toBe('user-delete-completed');
    expect(parseEvent(doc).type).toBe('user-delete-completed');
  });
});

describe('parseEvent refuses, beyond the table,', () => {
  it('101 levels of nesting, saying so without quoting its own description as the input', () => {
    const error = errorOf(() =>
      parseEvent(
        header((h) => {
          h.deep = nested(100);
        }),
      ),
    );
    expect([error.code, error.pointer]).toEqual(['invalid_field', `/deep${'/0'.repeat(99)}`]);
    expect(error.message).toBe(`Expected at most 100 levels of nesting at …${'/0'.repeat(60)}, found deeper nesting.`);
  });

  it('a parsed value whose object refers back to the document itself', () => {
    const doc = header(() => {});
    doc.destination[0].self = doc;
    const error = errorOf(() => parseEvent(doc));
    expect([error.code, error.pointer]).toEqual(['invalid_field', '/destination/0/self']);
    expect(error.message).toBe('Expected a JSON tree at /destination/0/self, found an object that appears twice.');
  });

  it('an unknown event in strict mode, pointing at its code', () => {
    const error = errorOf(() => parseEvent(buildUnknownEvent({ code: 'user-renamed' }), { strict: true }));
    expect([error.code, error.pointer]).toEqual(['unknown_event', '/entry/0/resource/eventCoding/code']);
    expect(error.message).toBe(
      'Expected a b.well event (user-delete-completed, data-export-completed in http://icanbwell.com/event-types) ' +
        'at /entry/0/resource/eventCoding/code, found the code "user-renamed".',
    );
  });

  it('a body over maxBytes, saying how large it was when it knows', () => {
    expect(errorOf(() => parseEvent('{"a":1}       ', { maxBytes: 10 })).message).toBe(
      'Expected at most 10 bytes, found more.',
    );
    expect(errorOf(() => parseEvent(new Uint8Array(11), { maxBytes: 10 })).message).toBe(
      'Expected at most 10 bytes, found 11.',
    );
  });

  it('accepts a maxBytes of 0 (an empty body is then invalid_json, not a TypeError), and refuses -1 as a TypeError', () => {
    expect(errorOf(() => parseEvent('', { maxBytes: 0 })).code).toBe('invalid_json');
    expect(() => parseEvent('{}', { maxBytes: -1 })).toThrow(
      new TypeError('parseEvent: options.maxBytes must be a non-negative integer (bytes), got -1.'),
    );
  });
});
