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
  ['entries that are not an array', message({ resource: { resourceType: 'MessageHeader' } }), 'invalid_field', '/entry', 'Expected an array of Bundle.entry at /entry, found an object.'],
  ['an entry that is not an object', message([1]), 'invalid_field', '/entry/0', 'Expected a Bundle.entry object at /entry/0, found number 1.'],
  ['a first entry without a resource', message([{ fullUrl: 'urn:x' }]), 'missing_field', '/entry/0/resource', 'Expected the MessageHeader as the first entry at /entry/0/resource, found nothing.'],
  ['a first resource that is a string', message([{ resource: 'x' }]), 'invalid_field', '/entry/0/resource', 'Expected a Resource object at /entry/0/resource, found the string "x".'],
  ['a first resource without a resourceType', message([{ resource: { id: 'x' } }]), 'missing_field', '/entry/0/resource/resourceType', 'Expected the MessageHeader as the first entry at /entry/0/resource/resourceType, found nothing.'],
  ['the Person before the MessageHeader', bundle((b) => b.entry.reverse()), 'invalid_field', '/entry/0/resource/resourceType', 'Expected the MessageHeader as the first entry at /entry/0/resource/resourceType, found the string "Person".'],
];

// biome-ignore format: one bad input per row reads best as a table
const MESSAGE_HEADER: Case[] = [
  ['both eventCoding and eventUri', header((h) => { h.eventUri = 'https://x.example/e'; }), 'invalid_field', '/eventUri', 'Expected one value of event[x] at /eventUri, found eventCoding and eventUri.'],
  ['eventCoding beside a value-less _eventUri', header((h) => { h._eventUri = { extension: [{ url: 'u', valueString: 'x' }] }; }), 'invalid_field', '/_eventUri', 'Expected one value of event[x] at /_eventUri, found eventCoding and eventUri.'],
  ['neither eventCoding nor eventUri', header((h) => { delete h.eventCoding; }), 'missing_field', '/eventCoding', 'Expected eventCoding or eventUri at /eventCoding, found nothing.'],
  ['an eventCoding that is a string', header((h) => { h.eventCoding = 'x'; }), 'invalid_field', '/eventCoding', 'Expected a Coding object at /eventCoding, found the string "x".'],
  ['an event code that is a number', header((h) => { h.eventCoding.code = 1; }), 'invalid_field', '/eventCoding/code', 'Expected a FHIR code (a JSON string) at /eventCoding/code, found number 1.'],
  ['no source', header((h) => { delete h.source; }), 'missing_field', '/source', 'Expected the message source at /source, found nothing.'],
  ['a source that is a string', header((h) => { h.source = 'x'; }), 'invalid_field', '/source', 'Expected a MessageHeader.source object at /source, found the string "x".'],
  ['a source without an endpoint', header((h) => { h.source = { name: 'b.well' }; }), 'missing_field', '/source/endpoint', 'Expected the source endpoint URL at /source/endpoint, found nothing.'],
  ['an id that is a number', header((h) => { h.id = 1; }), 'invalid_field', '/id', 'Expected a FHIR id (a JSON string) at /id, found number 1.'],
  ['a destination endpoint that is a number', header((h) => { h.destination[0].endpoint = 42; }), 'invalid_field', '/destination/0/endpoint', 'Expected a FHIR url (a JSON string) at /destination/0/endpoint, found number 42.'],
  ['two sources', header((h) => { h.source = [h.source, h.source]; }), 'invalid_field', '/source', 'Expected one MessageHeader.source (R4: at most one) at /source, found an array.'],
  ['a modifier extension', header((h) => { h.modifierExtension = [{ url: 'https://x.example/not', valueBoolean: true }]; }), 'unknown_modifier', '/modifierExtension/0/url', 'Expected only modifier extensions this receiver understands (options.understoodModifiers) at /modifierExtension/0/url, found the modifier "https://x.example/not".'],
  ['implicit rules', header((h) => { h.implicitRules = 'https://x.example/rules'; }), 'unknown_modifier', '/implicitRules', 'Expected no implicitRules this receiver does not understand at /implicitRules, found the rules "https://x.example/rules".'],
];

// biome-ignore format: one bad input per row reads best as a table
const DOCUMENT: Case[] = [
  ['a null', header((h) => { h.text = null; }), 'invalid_field', '/text', 'Expected a Narrative object at /text, found null.'],
  ['a null in an unknown property', header((h) => { h.note = null; }), 'invalid_field', '/note', 'Expected a value (FHIR JSON has no null) at /note, found null.'],
  ['a null in a repeating primitive without its _x twin', bundle((b) => { b.entry[1].resource.name = [{ given: ['a', null] }]; }), 'invalid_field', '/entry/1/resource/name/0/given/1', 'Expected a FHIR string (a JSON string) at /entry/1/resource/name/0/given/1, found null.'],
  ['NaN in a parsed value', header((h) => { h.count = Number.NaN; }), 'invalid_field', '/count', 'Expected a JSON value at /count, found number NaN.'],
  ['undefined in a parsed value', { ...header(() => {}), gone: undefined }, 'invalid_field', '/gone', 'Expected a JSON value at /gone, found undefined.'],
  ['a function in a parsed value', { ...header(() => {}), fn: () => 1 }, 'invalid_field', '/fn', 'Expected a JSON value at /fn, found function.'],
  ['a bigint in a parsed value', { ...header(() => {}), big: 1n }, 'invalid_field', '/big', 'Expected a JSON value at /big, found bigint.'],
];

// biome-ignore format: one bad input per row reads best as a table
const EXTENSIONS: Case[] = [
  ['extensions that are an object', header((h) => { h.extension = { url: 'u', valueString: 'x' }; }), 'invalid_field', '/extension', 'Expected an array of Extension at /extension, found an object.'],
  ['an extension that is a number', header((h) => { h.extension = [1]; }), 'invalid_field', '/extension/0', 'Expected an Extension object at /extension/0, found number 1.'],
  ['an extension url that is a number', header((h) => { h.extension[0] = { url: 1, valueString: 'x' }; }), 'invalid_field', '/extension/0/url', 'Expected a FHIR uri (a JSON string) at /extension/0/url, found number 1.'],
  ['an extension with two value[x]', header((h) => { h.extension[0] = { url: 'u', valueString: 'a', valueCode: 'b' }; }), 'invalid_field', '/extension/0/valueCode', 'Expected one value of value[x] at /extension/0/valueCode, found valueString and valueCode.'],
  ['an extension with a value and a value-less _value of another type', header((h) => { h.extension[0] = { url: 'u', valueString: 'a', _valueCode: { id: 'b' } }; }), 'invalid_field', '/extension/0/_valueCode', 'Expected one value of value[x] at /extension/0/_valueCode, found valueString and valueCode.'],
  ['a valueInteger that is a string', header((h) => { h.extension[0] = { url: 'u', valueInteger: '1' }; }), 'invalid_field', '/extension/0/valueInteger', 'Expected a FHIR integer (a JSON number) at /extension/0/valueInteger, found the string "1".'],
];

// biome-ignore format: one bad input per row reads best as a table
const EVENT_FIELDS: Case[] = [
  ['no focus', header((h) => { delete h.focus; }), 'missing_field', '/focus', 'Expected exactly one Person focus at /focus, found nothing.'],
  ['a focus that is a string', header((h) => { h.focus = 'Person/1'; }), 'invalid_field', '/focus', 'Expected an array of Reference at /focus, found the string "Person/1".'],
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

// What parseEvent reports without refusing: the first issue of each input, word for word.
// biome-ignore format: one bad input per row reads best as a table
const REPORTED: Case[] = [
  ['a relative eventUri (an unknown event)', header((h) => { delete h.eventCoding; h.eventUri = 'not a uri'; }), 'format', '/eventUri', 'Expected a FHIR uri at /eventUri, found the string "not a uri".'],
  ['a relative source endpoint', header((h) => { h.source.endpoint = 'icanbwell.com'; }), 'format', '/source/endpoint', 'Expected an absolute URL at /source/endpoint, found the string "icanbwell.com".'],
  ['an id off the FHIR id rule', header((h) => { h.id = 'a b'; }), 'format', '/id', 'Expected a FHIR id at /id, found the string "a b".'],
  ['an empty string', header((h) => { h.destination[0].name = ''; }), 'ele-1', '/destination/0/name', 'Expected a FHIR string with a value at /destination/0/name, found an empty string.'],
  ['an empty array', header((h) => { h.destination = []; }), 'json', '/destination', 'Expected a non-empty array at /destination, found an empty array.'],
  ['an empty object', header((h) => { h.meta = {}; }), 'ele-1', '/meta', 'Expected a value or children at /meta, found an empty object.'],
  ['an extension without a url', header((h) => { h.extension[0] = { valueString: 'x' }; }), 'cardinality', '/extension/0/url', 'Expected Extension.url (min 1) at /extension/0/url, found nothing.'],
  ['an extension without a value', header((h) => { h.extension[0] = { url: 'u' }; }), 'ext-1', '/extension/0', 'Expected a value[x] or nested extensions at /extension/0, found neither.'],
  ['a value and nested extensions', header((h) => { h.extension[0] = { url: 'u', valueString: 'a', extension: [{ url: 'v', valueString: 'b' }] }; }), 'ext-1', '/extension/0/extension', 'Expected either nested extensions or a value[x] at /extension/0/extension, found both.'],
  ['an extension whose only value key is "value"', header((h) => { h.extension.push({ url: 'u', value: 'x' }); }), 'unknown-property', '/extension/1/value', 'Expected an element of Extension at /extension/1/value, found a property R4 does not define.'],
  ['value[x] named by letters no type has', header((h) => { h.extension.push({ url: 'u', valueZ: 'x', valueA: 'y' }); }), 'unknown-property', '/extension/1/valueZ', 'Expected an element of Extension at /extension/1/valueZ, found a property R4 does not define.'],
  ['a response code outside its required binding', header((h) => { h.response = { identifier: 'a', code: 'maybe' }; }), 'binding', '/response/code', 'Expected one of ok, transient-error, fatal-error (a required binding) at /response/code, found the string "maybe".'],
  ['a response without its identifier', header((h) => { h.response = { code: 'ok' }; }), 'cardinality', '/response/identifier', 'Expected MessageHeader.response.identifier (min 1) at /response/identifier, found nothing.'],
  ['a timestamp that is not an instant', bundle((b) => { b.timestamp = '2026-13-01'; }), 'format', '/timestamp', 'Expected a FHIR instant at /timestamp, found the string "2026-13-01".'],
  ['a birthDate that is not a date', bundle((b) => { b.entry[1].resource.birthDate = '1 May 1980'; }), 'format', '/entry/1/resource/birthDate', 'Expected a FHIR date at /entry/1/resource/birthDate, found the string "1 May 1980".'],
  ['a Bundle total in a message', bundle((b) => { b.total = 2; }), 'bdl-1', '/total', 'Expected a total only in a searchset or history at /total, found one in a message.'],
  ['an entry with search', bundle((b) => { b.entry[1].search = { mode: 'match' }; }), 'bdl-2', '/entry/1/search', 'Expected entry.search only in a searchset at /entry/1/search, found one in a message.'],
  ['an entry with request', bundle((b) => { b.entry[1].request = { method: 'GET', url: 'Person/789' }; }), 'bdl-3', '/entry/1/request', 'Expected no entry.request at /entry/1/request, found one in a message.'],
  ['an entry with response', bundle((b) => { b.entry[1].response = { status: '200' }; }), 'bdl-4', '/entry/1/response', 'Expected no entry.response at /entry/1/response, found one in a message.'],
  ['an entry with nothing', bundle((b) => { b.entry.push({ fullUrl: 'urn:uuid:1' }); }), 'bdl-5', '/entry/2', 'Expected a resource, a request or a response in the entry at /entry/2, found none.'],
  ['two entries with one fullUrl', bundle((b) => { b.entry.push(...[1, 2].map(() => ({ fullUrl: 'urn:uuid:9d3e1c2a-6b7f-4e8d-a1c0-5f2e3d4c5b6a', resource: { resourceType: 'Organization' } }))); }), 'bdl-7', '/entry/3/fullUrl', 'Expected a fullUrl (and versionId) no other entry has at /entry/3/fullUrl, found a repeated one.'],
  ['a version-specific fullUrl', bundle((b) => { b.entry[1].fullUrl += '/_history/2'; }), 'bdl-8', '/entry/1/fullUrl', 'Expected a fullUrl that is not version-specific at /entry/1/fullUrl, found one with /_history/.'],
  ['an entry of an unknown resource type', bundle((b) => { b.entry.push({ resource: { resourceType: 'Pet' } }); }), 'resource-type', '/entry/2/resource/resourceType', 'Expected an R4 resource type at /entry/2/resource/resourceType, found the string "Pet".'],
  ['a contained resource inside a contained resource', bundle((b) => { b.entry[1].resource.contained = [{ resourceType: 'Organization', id: 'o', contained: [{ resourceType: 'Organization', id: 'p' }] }]; b.entry[1].resource.managingOrganization = { reference: '#o' }; }), 'dom-2', '/entry/1/resource/contained/0/contained', 'Expected no resources inside a contained resource at /entry/1/resource/contained/0/contained, found contained resources.'],
  ['a contained resource nobody refers to', bundle((b) => { b.entry[1].resource.contained = [{ resourceType: 'Organization', id: 'o' }]; }), 'dom-3', '/entry/1/resource/contained/0', 'Expected a contained resource referred to by its container at /entry/1/resource/contained/0, found none refers.'],
  ['a contained resource with a versionId', bundle((b) => { b.entry[1].resource.contained = [{ resourceType: 'Organization', id: 'o', meta: { versionId: '2' } }]; b.entry[1].resource.managingOrganization = { reference: '#o' }; }), 'dom-4', '/entry/1/resource/contained/0/meta/versionId', 'Expected no meta.versionId in a contained resource at /entry/1/resource/contained/0/meta/versionId, found the string "2".'],
  ['a local reference to nothing contained', bundle((b) => { b.entry[1].resource.managingOrganization = { reference: '#o' }; }), 'ref-1', '/entry/1/resource/managingOrganization/reference', 'Expected a contained resource with that id at /entry/1/resource/managingOrganization/reference, found the string "#o".'],
  ['a _x array not aligned with its values', bundle((b) => { b.entry[1].resource.name = [{ given: ['a', 'b'], _given: [{ id: 'g' }] }]; }), 'json', '/entry/1/resource/name/0/_given', 'Expected 2 entries, aligned with given at /entry/1/resource/name/0/_given, found 1.'],
  ['an unknown property of the Person', bundle((b) => { b.entry[1].resource.nickname = 'J'; }), 'unknown-property', '/entry/1/resource/nickname', 'Expected an element of Person at /entry/1/resource/nickname, found a property R4 does not define.'],
];

describe('parseEvent reports, without refusing,', () => {
  it.each(REPORTED)('%s', (_name, input, rule, pointer, text) => {
    const event = parseEvent(input);
    expect(event.issues[0]).toEqual({ rule, pointer, message: text });
    const error = errorOf(() => parseEvent(input, { validation: 'strict' }));
    expect([error.code, error.pointer]).toEqual(['nonconformant_message', pointer]);
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
