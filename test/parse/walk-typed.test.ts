// The walk's typed rules, read against the R4 tables, with the exact words of each issue and refusal: bindings,
// formats, cardinalities, choices, modifiers and implicitRules, and the limits on a caller's parsed value
// (a tree, at most MAX_DEPTH levels, finite numbers).
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../../src/parse/check-document.js';
import { eventOf, type Json, published, refusalOf, variant } from './fixtures.js';
import { AT, issue, refusalWith } from './walk-helpers.js';

/** The bare user-delete MessageHeader with one more extension, `extension`, at /extension/1. */
const withExtension = (extension: Json) => variant(published.userDeleteBare, (h) => h.extension.push(extension));
const extensionIssues = (extension: Json) => eventOf(withExtension(extension)).issues;
const extensionRefusal = (extension: Json, options?: Parameters<typeof refusalOf>[1]) =>
  refusalOf(withExtension(extension), options);
const URL = 'https://x.example/fhir/StructureDefinition/x';

describe('required bindings', () => {
  it('list the codes of a value set of up to 8 codes (RelatedArtifact.type has 8)', () => {
    const codes =
      'documentation, justification, citation, predecessor, successor, derived-from, depends-on, composed-of';
    expect(extensionIssues({ url: URL, valueRelatedArtifact: { type: 'cites' } })).toEqual([
      issue(
        'binding',
        '/extension/1/valueRelatedArtifact/type',
        `one of ${codes} (a required binding)`,
        'the string "cites"',
      ),
    ]);
  });

  it("name the value set of more than 8 codes instead (Timing.repeat.when has 30), at the code's index", () => {
    const valueTiming = { repeat: { when: ['MORN', 'LUNCH'] } };
    expect(extensionIssues({ url: URL, valueTiming })).toEqual([
      issue(
        'binding',
        '/extension/1/valueTiming/repeat/when/1',
        "a code of when's value set (a required binding)",
        'the string "LUNCH"',
      ),
    ]);
  });

  it('accept every code of the value set', () => {
    expect(extensionIssues({ url: URL, valueRelatedArtifact: { type: 'composed-of' } })).toEqual([]);
    expect(extensionIssues({ url: URL, valueTiming: { repeat: { when: ['PCV', 'MORN.early'] } } })).toEqual([]);
  });
});

describe('formats of strings', () => {
  it('let a string or markdown hold newlines and tabs: only a code is held to single spaces', () => {
    expect(extensionIssues({ url: URL, valueString: 'line one\nline\ttwo' })).toEqual([]);
    expect(extensionIssues({ url: URL, valueMarkdown: '# Title\n\n\t* item' })).toEqual([]);
    expect(extensionIssues({ url: URL, valueCode: 'line one\nline two' })).toEqual([
      issue('format', '/extension/1/valueCode', 'a FHIR code', 'the string "line one\\nline two"'),
    ]);
  });

  it('report an empty string as ele-1 where R4 has a primitive, naming the primitive', () => {
    expect(extensionIssues({ url: URL, valueUri: '' })).toEqual([
      issue('ele-1', '/extension/1/valueUri', 'a FHIR uri with a value', 'an empty string'),
    ]);
  });
});

describe('numbers in a parsed value', () => {
  // JSON.parse makes none of these; a caller's own value can hold them, and FHIR JSON cannot carry them.
  it.each<[string, number]>([
    ['valueDecimal', Number.POSITIVE_INFINITY],
    ['valueInteger', Number.NaN],
    ['valueUnsignedInt', Number.NEGATIVE_INFINITY],
  ])('refuses a %s of %s, which is no JSON number', (key, value) => {
    const error = extensionRefusal({ url: URL, [key]: value });
    const type = key.slice('value'.length).replace(/^./, (c) => c.toLowerCase());
    expect(error).toMatchObject({
      code: 'invalid_field',
      pointer: `/extension/1/${key}`,
      message: `Expected a FHIR ${type} (a JSON number) at /extension/1/${key}, found number ${value}.`,
    });
  });

  it('refuses one in a generic resource too', () => {
    expect(refusalWith({ resourceType: 'Basic', n: Number.NaN })).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/n`,
      message: `Expected a JSON value at ${AT}/n, found number NaN.`,
    });
  });
});

describe('cardinality', () => {
  it('says which element of which type has too few values', () => {
    expect(extensionIssues({ valueString: 'x' })).toEqual([
      issue('cardinality', '/extension/1/url', 'Extension.url (min 1)', 'nothing'),
    ]);
  });

  it('is not satisfied by a key named "undefined"', () => {
    expect(extensionIssues({ undefined: 'x', valueString: 'x' })).toEqual([
      issue('unknown-property', '/extension/1/undefined', 'an element of Extension', 'a property R4 does not define'),
      issue('cardinality', '/extension/1/url', 'Extension.url (min 1)', 'nothing'),
    ]);
  });

  it('is satisfied by the `_x` twin of a required primitive', () => {
    expect(extensionIssues({ _url: { id: 'u' }, valueString: 'x' })).toEqual([]);
  });
});

describe('choice elements', () => {
  it('accept one value of each choice of an object (Dosage.doseAndRate: dose[x] and rate[x])', () => {
    const valueDosage = { doseAndRate: [{ doseQuantity: { value: 1 }, rateQuantity: { value: 2 } }] };
    expect(extensionIssues({ url: URL, valueDosage })).toEqual([]);
  });

  it('refuse two values of one choice, naming both', () => {
    const valueDosage = { doseAndRate: [{ doseQuantity: { value: 1 }, doseRange: { low: { value: 1 } } }] };
    expect(extensionRefusal({ url: URL, valueDosage })).toMatchObject({
      code: 'invalid_field',
      pointer: '/extension/1/valueDosage/doseAndRate/0/doseRange',
      message:
        'Expected one value of dose[x] at /extension/1/valueDosage/doseAndRate/0/doseRange, found doseQuantity and doseRange.',
    });
  });

  it('are counted apart in each object: two extensions each with their own value[x]', () => {
    const header = variant(published.userDeleteBare, (h) =>
      h.extension.push({ url: URL, valueString: 'a', _valueString: { id: 's' } }, { url: URL, valueCode: 'b' }),
    );
    expect(eventOf(header).issues).toEqual([]);
  });
});

describe('objects of a complex type', () => {
  it('are refused when not an object, with the article of the type (a / an)', () => {
    expect(extensionRefusal({ url: URL, valueRelatedArtifact: 'x' }).message).toBe(
      'Expected a RelatedArtifact object at /extension/1/valueRelatedArtifact, found the string "x".',
    );
    expect(extensionRefusal({ url: URL, valueIdentifier: 'x' }).message).toBe(
      'Expected an Identifier object at /extension/1/valueIdentifier, found the string "x".',
    );
  });

  it('take resourceType and implicitRules for unknown properties: only a resource has them', () => {
    const header = variant(published.userDeleteBare, (h) => {
      h.source.resourceType = 'Endpoint';
      h.source.implicitRules = 'https://x.example/rules';
    });
    expect(eventOf(header).issues).toEqual([
      issue(
        'unknown-property',
        '/source/resourceType',
        'an element of MessageHeader.source',
        'a property R4 does not define',
      ),
      issue(
        'unknown-property',
        '/source/implicitRules',
        'an element of MessageHeader.source',
        'a property R4 does not define',
      ),
    ]);
  });
});

describe('modifiers and implicitRules', () => {
  const rules = 'https://x.example/rules';
  const header = (edit: (h: Json) => void) => variant(published.userDeleteBare, edit);

  it('refuse implicitRules known only through _implicitRules, saying it has no URL', () => {
    const error = refusalOf(header((h) => (h._implicitRules = { extension: [{ url: URL, valueCode: 'x' }] })));
    expect(error).toMatchObject({
      code: 'unknown_modifier',
      pointer: '/_implicitRules',
      message:
        'Expected no implicitRules this receiver does not understand at /_implicitRules, found rules without a URL.',
    });
  });

  it('accept understood implicitRules beside their _implicitRules', () => {
    const input = header((h) => {
      h.implicitRules = rules;
      h._implicitRules = { id: 'r' };
    });
    expect(eventOf(input, { understoodModifiers: [rules] }).issues).toEqual([]);
  });

  it('refuse a modifier extension without a url, saying so', () => {
    expect(refusalOf(header((h) => (h.modifierExtension = [{ valueBoolean: true }]))).message).toBe(
      'Expected only modifier extensions this receiver understands (options.understoodModifiers) at /modifierExtension/0, found a modifier without a url.',
    );
  });

  it('refuse a modifierExtension entry that is not an object as a value of the wrong type', () => {
    expect(refusalOf(header((h) => (h.modifierExtension = ['x'])))).toMatchObject({
      code: 'invalid_field',
      pointer: '/modifierExtension/0',
      message: 'Expected an Extension object at /modifierExtension/0, found the string "x".',
    });
  });

  it('quote a modifier URL whole up to 200 characters, and cut a longer one at 200', () => {
    const whole = `https://x.example/${'a'.repeat(200 - 18)}`;
    const long = `${whole}b`;
    const found = (url: string) =>
      refusalOf(header((h) => (h.modifierExtension = [{ url, valueBoolean: true }]))).message.split(', found ')[1];
    expect(whole).toHaveLength(200);
    expect(found(whole)).toBe(`the modifier "${whole}".`);
    expect(found(long)).toBe(`the modifier "${whole}…".`);
    expect(refusalOf(header((h) => (h.implicitRules = long))).message).toContain(`found the rules "${whole}…".`);
  });
});

describe('a parsed value', () => {
  it('is refused where it shares one object between two places, at the second', () => {
    const shared = (place: (h: Json, object: Json) => void, object: Json) =>
      refusalOf(variant(published.userDeleteBundle, (b) => place(b, object)));
    const cases: [string, (b: Json, object: Json) => void, Json][] = [
      [
        '/entry/3/resource',
        (b, person) =>
          b.entry.push({ fullUrl: 'urn:uuid:1', resource: person }, { fullUrl: 'urn:uuid:2', resource: person }),
        { resourceType: 'Person', active: true },
      ],
      [
        '/entry/1/resource/name/0/_text',
        (b, element) => (b.entry[1].resource.name = [{ family: 'a', _family: element, text: 'a', _text: element }]),
        { id: 'e' },
      ],
      [
        '/entry/1/resource/name/0/_given/1',
        (b, element) => (b.entry[1].resource.name = [{ given: ['a', 'b'], _given: [element, element] }]),
        { id: 'e' },
      ],
    ];
    for (const [pointer, place, object] of cases) {
      expect(shared(place, object)).toMatchObject({
        code: 'invalid_field',
        pointer,
        message: `Expected a JSON tree at ${pointer}, found an object that appears twice.`,
      });
    }
  });

  it('counts its depth across nested resources: at most MAX_DEPTH levels in all', () => {
    // Each Parameters nests the next one three levels down: parameter, its first entry, its resource.
    let resource: Json = { resourceType: 'Basic' };
    for (let i = 0; i < 40; i++) resource = { resourceType: 'Parameters', parameter: [{ name: 'p', resource }] };
    const error = refusalWith(resource);
    expect(error.code).toBe('invalid_field');
    expect(error.message).toContain(`at most ${MAX_DEPTH} levels of nesting`);
    // The Bundle, entry, entry 2 and its resource are 4 levels: the 100th is the last one allowed.
    expect(error.pointer?.split('/').length).toBe(MAX_DEPTH + 1);
  });
});
