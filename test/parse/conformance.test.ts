// Issue 11's FHIR rules, case by case: what refuses (a value of the wrong JSON type, a modifier the receiver
// does not understand) and what is reported on event.issues (or refused under validation: 'strict').
import { describe, expect, it } from 'vitest';
import { parseEvent, safeParseEvent } from '../../src/index.js';
import { UNESCAPED_WHITESPACE } from '../lib/json-texts.js';
import { bothShapes, eventOf, type Json, published, refusalOf, variant } from './fixtures.js';

const ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const MODIFIER = 'https://x.example/fhir/StructureDefinition/not-really';

describe("b.well's four published payloads", () => {
  it.each(Object.entries(published))('%s parse with no issues, in both modes', (_, document) => {
    for (const input of [document, JSON.stringify(document)]) {
      expect(parseEvent(input).issues).toEqual([]);
      expect(parseEvent(input, { validation: 'strict' }).issues).toEqual([]);
    }
  });
});

describe.each(bothShapes(published.userDeleteBare))('honest types in a %s', (_, document, p) => {
  const header = (copy: Json): Json => (p === '' ? copy : copy.entry[0].resource);
  const refuse = (edit: (h: Json) => void) => refusalOf(variant(document, (copy) => edit(header(copy))));

  it.each<[string, unknown]>([
    ['an object', { $exists: true }],
    ['a number', 789],
    ['an array', ['client-specific-identifier']],
    ['a boolean', true],
  ])('refuses an external identifier value that is %s, before any handler sees it', (_, value) => {
    const error = refuse((h) => (h.extension[0].valueIdentifier.value = value));
    expect(error).toMatchObject({ code: 'invalid_field', pointer: `${p}/extension/0/valueIdentifier/value` });
  });

  it.each<[string, (h: Json) => void, string, string]>([
    [
      'a boolean that is a string',
      (h) => (h.eventCoding.userSelected = 'true'),
      '/eventCoding/userSelected',
      'boolean',
    ],
    [
      'a period start that is a number',
      (h) => (h.reason = { coding: [{ code: 1 }] }),
      '/reason/coding/0/code',
      'string',
    ],
    [
      'an integer that is a string',
      (h) => h.extension.push({ url: 'https://x.example/n', valueInteger: '7' }),
      '/extension/1/valueInteger',
      'number',
    ],
    ['a Reference that is a string', (h) => (h.sender = 'Organization/1'), '/sender', 'object'],
    ['two values where R4 allows one', (h) => (h.destination[0].name = ['a', 'b']), '/destination/0/name', 'array'],
    ['one value where R4 has an array', (h) => (h.focus = h.focus[0]), '/focus', 'array'],
  ])('refuses %s', (_, edit, pointer, expected) => {
    const error = refuse(edit);
    expect(error).toMatchObject({ code: 'invalid_field', pointer: `${p}${pointer}` });
    expect(error.message).toContain(expected);
  });
});

describe('formats and bindings, by each primitive R4 regex', () => {
  const withValue = (key: string, value: unknown) =>
    variant(published.userDeleteBare, (h) => h.extension.push({ url: 'https://x.example/v', [key]: value }));
  const issuesOf = (key: string, value: unknown) => parseEvent(withValue(key, value)).issues;

  it.each<[string, unknown]>([
    ['valueDateTime', '2026-12-01T08:30:00Z'],
    ['valueDateTime', '2026'],
    ['valueDate', '2026-02'],
    ['valueInstant', '2026-12-01T08:30:00.123+01:00'],
    ['valueTime', '08:30:00'],
    ['valueInteger', -2147483648],
    ['valuePositiveInt', 1],
    ['valueUnsignedInt', 0],
    ['valueDecimal', 1.5],
    ['valueBoolean', false],
    ['valueCode', 'a b'],
    ['valueOid', 'urn:oid:2.16.840'],
    ['valueUuid', 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520'],
    ['valueBase64Binary', 'aGVsbG8='],
    ['valueBase64Binary', ' aGVs bG8= '],
    ['valueMarkdown', '# *hello*'],
    ['valueUri', 'relative/path'],
  ])('accepts the %s %j', (key, value) => {
    expect(issuesOf(key, value)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['valueDateTime', '2026-12-01T08:30', 'dateTime'],
    ['valueDate', '2026-13-01', 'date'],
    ['valueInstant', '2026-12-01', 'instant'],
    ['valueTime', '25:00:00', 'time'],
    ['valueInteger', 2147483648, 'integer'],
    ['valueInteger', 1.5, 'integer'],
    ['valuePositiveInt', 0, 'positiveInt'],
    ['valueUnsignedInt', -1, 'unsignedInt'],
    ['valueCode', ' leading', 'code'],
    ['valueId', 'a_b', 'id'],
    ['valueOid', '1.2.3', 'oid'],
    ['valueUuid', 'c757873d-ec9a-4326-a141-556f43239520', 'uuid'],
    ['valueBase64Binary', 'aGVsbG8', 'base64Binary'],
    ['valueString', 'a\u000bb', 'string'],
    ['valueUri', 'has space', 'uri'],
  ])('reports the %s %j as a format issue', (key, value, type) => {
    expect(issuesOf(key, value)).toEqual([
      expect.objectContaining({
        rule: 'format',
        pointer: '/extension/1/' + key,
        message: expect.stringContaining(`FHIR ${type} `),
      }),
    ]);
  });

  // A raw body without whitespace is compact, and its strings are not searched one by one (isCompactText):
  // each character of \s that JSON may hold unescaped must still be found, as sent and as an escape.
  it.each(UNESCAPED_WHITESPACE.map((char) => [char.charCodeAt(0).toString(16), char]))(
    'reports U+%s in a raw body, in a uri and in a code, whether the body is compact elsewhere or not',
    (_, char) => {
      const document = variant(published.userDeleteBare, (h) => {
        h.extension.push({ url: 'https://x.example/v', valueUri: `a${char}b` });
        h.meta = { tag: [{ system: 'urn:x', code: `a${char}${char}b` }] };
      });
      const pointers = ['/extension/1/valueUri', '/meta/tag/0/code'];
      const compact = JSON.stringify(document);
      const escaped = compact.replaceAll(char, `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const pretty = JSON.stringify(document, null, 2);
      for (const body of [compact, escaped, pretty, new TextEncoder().encode(compact)]) {
        const issues = parseEvent(body).issues.filter((issue) => issue.rule === 'format');
        expect(issues.map((issue) => issue.pointer).sort()).toEqual(pointers);
      }
    },
  );

  it('checks a long base64Binary that fails at its end without the R4 regex backtracking', () => {
    const value = `${'QUJD '.repeat(50_000)}A`;
    expect(issuesOf('valueBase64Binary', value)).toMatchObject([{ rule: 'format' }]);
  });

  it('reports a code with whitespace other than single spaces, which the R4 prose forbids and its regex lets by', () => {
    expect(issuesOf('valueCode', 'tab\there')).toMatchObject([{ rule: 'format' }]);
    expect(issuesOf('valueCode', 'two  spaces')).toMatchObject([{ rule: 'format' }]);
    expect(issuesOf('valueCode', 'one space')).toEqual([]);
  });

  it('reports a Person gender outside administrative-gender (a required binding)', () => {
    const bundle = variant(published.userDeleteBundle, (b) => (b.entry[1].resource.gender = 'F'));
    expect(parseEvent(bundle).issues).toEqual([
      {
        rule: 'binding',
        pointer: '/entry/1/resource/gender',
        message:
          'Expected one of male, female, other, unknown (a required binding) at /entry/1/resource/gender, found the string "F".',
      },
    ]);
  });
});

describe.each(bothShapes(published.dataExportBare))('modifiers in a %s', (_, document, p) => {
  const header = (copy: Json): Json => (p === '' ? copy : copy.entry[0].resource);
  const edited = (edit: (h: Json) => void) => variant(document, (copy) => edit(header(copy)));
  const modifier = { url: MODIFIER, valueBoolean: true };

  it.each<[string, (h: Json) => void, string]>([
    ['on the MessageHeader', (h) => (h.modifierExtension = [modifier]), '/modifierExtension/0/url'],
    [
      'on a destination',
      (h) => (h.destination[0].modifierExtension = [modifier]),
      '/destination/0/modifierExtension/0/url',
    ],
    [
      'inside a contained resource of another type',
      (h) => {
        h.contained = [{ resourceType: 'Organization', id: 'o', modifierExtension: [modifier] }];
        h.sender = { reference: '#o' };
      },
      '/contained/0/modifierExtension/0/url',
    ],
    [
      'deep inside an extension of a contained resource',
      (h) => {
        h.contained = [
          {
            resourceType: 'Basic',
            id: 'b',
            code: { text: 'x' },
            extension: [{ url: 'u', valueCodeableConcept: { text: 'y', modifierExtension: [modifier] } }],
          },
        ];
        h.sender = { reference: '#b' };
      },
      '/contained/0/extension/0/valueCodeableConcept/modifierExtension/0/url',
    ],
    ['as implicitRules', (h) => (h.implicitRules = 'https://x.example/rules'), '/implicitRules'],
    [
      'as implicitRules known only through _implicitRules',
      (h) => (h._implicitRules = { extension: [{ url: ABSENT, valueCode: 'masked' }] }),
      '/_implicitRules',
    ],
  ])('refuses an unknown modifier %s, with unknown_modifier', (_, edit, pointer) => {
    expect(refusalOf(edited(edit))).toMatchObject({ code: 'unknown_modifier', pointer: `${p}${pointer}` });
  });

  it('refuses a modifier on the focused Person of a Bundle', () => {
    if (p === '') return;
    const bundle = variant(published.dataExportBundle, (b) => (b.entry[1].resource.modifierExtension = [modifier]));
    expect(refusalOf(bundle)).toMatchObject({
      code: 'unknown_modifier',
      pointer: '/entry/1/resource/modifierExtension/0/url',
    });
  });

  it('accepts a modifier or implicitRules listed in understoodModifiers, with no issue', () => {
    const input = edited((h) => {
      h.modifierExtension = [modifier];
      h.implicitRules = 'https://x.example/rules';
    });
    const understoodModifiers = [MODIFIER, 'https://x.example/rules'];
    const event = eventOf(input, { understoodModifiers });
    expect(event).toMatchObject({ type: 'data-export-completed', issues: [] });
    expect(safeParseEvent(input, { understoodModifiers: [MODIFIER] })).toMatchObject({
      success: false,
      error: { code: 'unknown_modifier', pointer: `${p}/implicitRules` },
    });
  });

  it('says which modifier it did not understand, and how to allow it', () => {
    expect(refusalOf(edited((h) => (h.modifierExtension = [modifier]))).message).toBe(
      `Expected only modifier extensions this receiver understands (options.understoodModifiers) at ${p}/modifierExtension/0/url, found the modifier "${MODIFIER}".`,
    );
  });
});

describe("validation: 'strict'", () => {
  const broken = variant(published.userDeleteBundle, (b) => {
    b.timestamp = 'yesterday';
    b.entry[1].resource.gender = 'F';
  });

  it('refuses what report mode lists, pointing at the first issue and counting the rest', () => {
    expect(parseEvent(broken).issues.map((issue) => issue.rule)).toEqual(['format', 'binding']);
    const error = refusalOf(broken, { validation: 'strict' });
    expect(error).toMatchObject({ code: 'nonconformant_message', pointer: '/timestamp' });
    expect(error.message).toBe(
      'Expected a FHIR instant at /timestamp, found the string "yesterday" (R4 rule format) (and 1 more).',
    );
  });

  it('is the same through safeParseEvent', () => {
    expect(safeParseEvent(broken, { validation: 'strict' })).toMatchObject({
      success: false,
      error: { code: 'nonconformant_message', pointer: '/timestamp' },
    });
    expect(safeParseEvent(broken, { validation: 'report' })).toMatchObject({ success: true });
  });

  it('also refuses an unknown event that has issues, which report mode returns', () => {
    const unknown = variant(broken, (b) => (b.entry[0].resource.eventCoding.code = 'user-renamed'));
    expect(eventOf(unknown)).toMatchObject({ type: 'unknown', issues: [{ rule: 'format' }, { rule: 'binding' }] });
    expect(refusalOf(unknown, { validation: 'strict' }).code).toBe('nonconformant_message');
  });
});

describe('generic resources in a Bundle', () => {
  it('are checked for JSON values, extensions and modifiers, not against a table', () => {
    const bundle = variant(published.userDeleteBundle, (b) =>
      b.entry.push({ fullUrl: 'urn:uuid:1', resource: { resourceType: 'Observation', status: 42, invented: 'x' } }),
    );
    expect(eventOf(bundle).issues).toEqual([]);
    const withNull = variant(bundle, (b) => (b.entry[2].resource.status = null));
    expect(refusalOf(withNull)).toMatchObject({ code: 'invalid_field', pointer: '/entry/2/resource/status' });
  });

  it('read a Person found anywhere (contained, later entries) against the Person table', () => {
    const bundle = variant(published.userDeleteBundle, (b) => {
      b.entry[1].resource.contained = [{ resourceType: 'Person', id: 'p2', gender: 3 }];
      b.entry[1].resource.link = [{ target: { reference: '#p2' } }];
    });
    expect(refusalOf(bundle)).toMatchObject({ code: 'invalid_field', pointer: '/entry/1/resource/contained/0/gender' });
  });
});

describe('the rarer R4 rules', () => {
  it('reports a null in a _x array that pads no value, and refuses a _x member that is not an Element', () => {
    const padded = variant(published.userDeleteBundle, (b) => {
      b.entry[1].resource.name = [{ _given: [null, { id: 'g' }] }];
    });
    expect(eventOf(padded).issues).toMatchObject([{ rule: 'json', pointer: '/entry/1/resource/name/0/_given/0' }]);
    const broken = variant(published.userDeleteBundle, (b) => {
      b.entry[1].resource.name = [{ given: ['a'], _given: ['x'] }];
    });
    expect(refusalOf(broken)).toMatchObject({ code: 'invalid_field', pointer: '/entry/1/resource/name/0/_given/0' });
  });

  it('reports a security label on a contained resource (dom-5)', () => {
    const bundle = variant(published.userDeleteBundle, (b) => {
      b.entry[1].resource.contained = [{ resourceType: 'Organization', id: 'o', meta: { security: [{ code: 'R' }] } }];
      b.entry[1].resource.managingOrganization = { reference: '#o' };
    });
    expect(eventOf(bundle).issues).toMatchObject([
      { rule: 'dom-5', pointer: '/entry/1/resource/contained/0/meta/security' },
    ]);
  });

  it('accepts a contained resource that refers to its container with #', () => {
    const bundle = variant(published.userDeleteBundle, (b) => {
      b.entry[1].resource.contained = [{ resourceType: 'Person', id: 'p', link: [{ target: { reference: '#' } }] }];
    });
    expect(eventOf(bundle).issues).toEqual([]);
  });
});
