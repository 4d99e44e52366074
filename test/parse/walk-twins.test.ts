// json.html 2.6.2.1: the `_x` twin of a primitive x holds x's id and extensions, an Element; for a repeating
// x, an array of Elements and nulls aligned with x's array, a null in either where only the other has a value.
// What the walk refuses (a twin of another JSON type) and reports (a null that pads nothing, misaligned arrays).
import { describe, expect, it } from 'vitest';
import { eventOf, type Json, published, refusalOf, variant } from './fixtures.js';
import { AT, issue, issuesWith, refusalWith } from './walk-helpers.js';

const ABSENT = { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' };

/** The user-delete Bundle whose Person has the one name `name`; pointers under NAME. */
const withName = (name: Json) => variant(published.userDeleteBundle, (b) => (b.entry[1].resource.name = [name]));
const NAME = '/entry/1/resource/name/0';
const nameIssues = (name: Json) => eventOf(withName(name)).issues;
const nameRefusal = (name: Json) => refusalOf(withName(name));

/** The bare user-delete MessageHeader whose source has `extra`. */
const withSource = (extra: Json) => variant(published.userDeleteBare, (h) => Object.assign(h.source, extra));

describe('the twin of a single primitive', () => {
  it('is an Element: its extensions are read as Extensions', () => {
    expect(eventOf(withSource({ _endpoint: { id: 'e', extension: [ABSENT] } })).issues).toEqual([]);
    expect(eventOf(withSource({ _endpoint: { extension: [{ valueCode: 'masked' }] } })).issues).toEqual([
      issue('cardinality', '/source/_endpoint/extension/0/url', 'Extension.url (min 1)', 'nothing'),
    ]);
  });

  it('is an Element: a key Element does not define is an unknown property', () => {
    expect(eventOf(withSource({ _endpoint: { extension: [ABSENT], system: 'x' } })).issues).toEqual([
      issue('unknown-property', '/source/_endpoint/system', 'an element of Element', 'a property R4 does not define'),
    ]);
  });

  it('is an Element, not a resource: an empty one is an ele-1 issue', () => {
    expect(eventOf(withSource({ _endpoint: {} })).issues).toEqual([
      issue('ele-1', '/source/_endpoint', 'a value or children', 'an empty object'),
    ]);
  });

  it('is refused when it is not an object, or is an array', () => {
    expect(refusalOf(withSource({ _endpoint: 'masked' }))).toMatchObject({
      code: 'invalid_field',
      pointer: '/source/_endpoint',
      message: 'Expected an Element object at /source/_endpoint, found the string "masked".',
    });
    expect(refusalOf(withSource({ _endpoint: [{ extension: [ABSENT] }] }))).toMatchObject({
      code: 'invalid_field',
      pointer: '/source/_endpoint',
      message: 'Expected an Element object at /source/_endpoint, found an array.',
    });
  });

  it('exists only beside a primitive: `_x` for a complex or unknown x is an unknown property', () => {
    const header = variant(published.userDeleteBare, (h) => {
      h._source = { extension: [{ ...ABSENT }] };
      h._nothing = { extension: [{ ...ABSENT }] };
    });
    expect(eventOf(header).issues).toEqual([
      issue('unknown-property', '/_source', 'an element of MessageHeader', 'a property R4 does not define'),
      issue('unknown-property', '/_nothing', 'an element of MessageHeader', 'a property R4 does not define'),
    ]);
  });

  it('is one value of its choice with its primitive: valueString beside _valueString is one value[x]', () => {
    const header = variant(published.userDeleteBare, (h) =>
      h.extension.push({ url: 'https://x.example/note', valueString: 'x', _valueString: { id: 'v' } }),
    );
    expect(eventOf(header).issues).toEqual([]);
  });
});

describe('the twin of a repeating primitive', () => {
  it('pads with null where the primitive has no value, and the primitive pads where the twin has none', () => {
    expect(nameIssues({ given: [null, 'Q', 'R'], _given: [{ extension: [ABSENT] }, { id: 'q' }, null] })).toEqual([]);
  });

  it('is refused when it is not an array', () => {
    expect(nameRefusal({ given: ['Q'], _given: { id: 'q' } })).toMatchObject({
      code: 'invalid_field',
      pointer: `${NAME}/_given`,
      message: `Expected an array of Elements and nulls at ${NAME}/_given, found an object.`,
    });
  });

  it('is refused when a member is neither an Element object nor null', () => {
    expect(nameRefusal({ given: ['Q'], _given: ['masked'] })).toMatchObject({
      code: 'invalid_field',
      pointer: `${NAME}/_given/0`,
      message: `Expected an Element object or null at ${NAME}/_given/0, found the string "masked".`,
    });
  });

  it('walks its Element objects: a url of another JSON type inside one is refused', () => {
    expect(nameRefusal({ given: ['Q'], _given: [{ extension: [{ url: 5, valueCode: 'masked' }] }] })).toMatchObject({
      code: 'invalid_field',
      pointer: `${NAME}/_given/0/extension/0/url`,
    });
  });

  it('reports an empty Element in it as ele-1', () => {
    expect(nameIssues({ given: ['Q'], _given: [{}] })).toEqual([
      issue('ele-1', `${NAME}/_given/0`, 'a value or children', 'an empty object'),
    ]);
  });

  it('reports an empty twin array, which R4 JSON never holds', () => {
    expect(nameIssues({ family: 'Doe', _given: [] })).toEqual([
      issue('json', `${NAME}/_given`, 'a non-empty array', 'an empty array'),
    ]);
  });

  it('reports an empty primitive array once, even beside its twin', () => {
    expect(nameIssues({ given: [], _given: [{ id: 'q' }] })).toEqual([
      issue('json', `${NAME}/given`, 'a non-empty array', 'an empty array'),
    ]);
  });

  it('reports a null that pads nothing, past the end of the primitive array, and the misalignment', () => {
    expect(nameIssues({ given: ['Q'], _given: [{ id: 'q' }, null] })).toEqual([
      issue('json', `${NAME}/_given`, '1 entries, aligned with given', '2'),
      issue('json', `${NAME}/_given/1`, 'null only where given has a value', 'a null that pads nothing'),
    ]);
  });

  it('still checks the value beside an Element: a number in given is refused', () => {
    expect(nameRefusal({ given: [5], _given: [{ id: 'q' }] })).toMatchObject({
      code: 'invalid_field',
      pointer: `${NAME}/given/0`,
    });
  });
});

describe('twins in a generic resource', () => {
  it('are Elements, whatever the key: one that is not an object is refused', () => {
    expect(refusalWith({ resourceType: 'Observation', status: 'final', _status: 'masked' })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/_status`,
      message: `Expected an Element object at ${AT}/_status, found the string "masked".`,
    });
  });

  it('may be arrays, padded with null both ways', () => {
    const resource = { resourceType: 'Basic', note: [null, 'b'], _note: [{ extension: [ABSENT] }, null] };
    expect(issuesWith(resource)).toEqual([]);
  });

  it('are walked: an extension of a twin is read as an Extension', () => {
    expect(issuesWith({ resourceType: 'Basic', _note: { extension: [{ valueCode: 'masked' }] } })).toEqual([
      issue('cardinality', `${AT}/_note/extension/0/url`, 'Extension.url (min 1)', 'nothing'),
    ]);
  });
});

describe('arrays of complex types', () => {
  it('have no twin: a `_destination` beside destination is an unknown property, not aligned with it', () => {
    const header = variant(published.userDeleteBare, (h) => {
      h._destination = [{ id: 'a' }, { id: 'b' }];
    });
    expect(eventOf(header).issues).toEqual([
      issue('unknown-property', '/_destination', 'an element of MessageHeader', 'a property R4 does not define'),
    ]);
  });
});
