import { describe, expect, it } from 'vitest';
import { bothShapes, eventOf, IN_BUNDLE, type Json, published, refusalOf, variant } from './fixtures.js';

// Each rule is checked in both shapes: pointers are relative to the document received, so the Bundle
// shape prefixes them with /entry/0/resource.
describe.each(bothShapes(published.dataExportBare))('FHIR rules in a %s', (_, document, p) => {
  const header = (copy: Json): Json => (p === '' ? copy : copy.entry[0].resource);
  const refuse = (edit: (header: Json) => void) => refusalOf(variant(document, (copy) => edit(header(copy))));
  const accept = (edit: (header: Json) => void) => eventOf(variant(document, (copy) => edit(header(copy))));
  // Rules R4 sets that do not change the meaning: reported on event.issues (refused only under validation: 'strict').
  const report = (edit: (header: Json) => void) => accept(edit).issues;

  describe('event', () => {
    it('refuses both eventCoding and eventUri', () => {
      expect(refuse((h) => (h.eventUri = 'https://example.org/event'))).toMatchObject({
        code: 'invalid_field',
        pointer: `${p}/eventUri`,
      });
    });

    it('refuses neither eventCoding nor eventUri', () => {
      expect(refuse((h) => delete h.eventCoding)).toMatchObject({ code: 'missing_field', pointer: `${p}/eventCoding` });
    });

    it('refuses an eventCoding that is not a Coding object', () => {
      expect(refuse((h) => (h.eventCoding = [h.eventCoding]))).toMatchObject({
        code: 'invalid_field',
        pointer: `${p}/eventCoding`,
      });
    });

    it('refuses an eventCoding code that is not a string', () => {
      expect(refuse((h) => (h.eventCoding.code = 7))).toMatchObject({
        code: 'invalid_field',
        pointer: `${p}/eventCoding/code`,
      });
    });

    it('accepts a relative eventUri (an R4 uri may be relative) as an unknown event, with no issue', () => {
      const event = accept((h) => {
        delete h.eventCoding;
        h.eventUri = 'data-export-completed';
      });
      expect(event).toMatchObject({ type: 'unknown', eventUri: 'data-export-completed', issues: [] });
    });

    it('refuses eventCoding beside an eventUri that exists only through _eventUri: two event[x]', () => {
      const error = refuse((h) => (h._eventUri = { extension: [{ url: 'https://x.example/e', valueCode: 'c' }] }));
      expect(error).toMatchObject({ code: 'invalid_field', pointer: `${p}/_eventUri` });
    });

    it('accepts an eventUri that exists only through _eventUri: event[x] is there', () => {
      const event = accept((h) => {
        delete h.eventCoding;
        h._eventUri = {
          extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }],
        };
      });
      expect(event).toMatchObject({ type: 'unknown', eventUri: undefined, issues: [] });
    });
  });

  describe('source.endpoint', () => {
    it('refuses a missing source', () => {
      expect(refuse((h) => delete h.source)).toMatchObject({ code: 'missing_field', pointer: `${p}/source` });
    });

    it('refuses a missing endpoint', () => {
      const error = refuse((h) => {
        h.source = { name: 'b.well' };
      });
      expect(error).toMatchObject({ code: 'missing_field', pointer: `${p}/source/endpoint` });
    });

    it.each(['icanbwell.com', '/webhook', 'http://[::1'])(
      'reports the endpoint %j, which is not an absolute URL (R4 url)',
      (endpoint) => {
        const [issue, ...more] = report((h) => (h.source.endpoint = endpoint));
        expect(more).toEqual([]);
        expect(issue).toMatchObject({ rule: 'format', pointer: `${p}/source/endpoint` });
        expect(issue?.message).toMatch(/^Expected an absolute URL at .*\/source\/endpoint, found the string /);
      },
    );

    it.each(['https://icanbwell.com ', 'https://icanbwell .com'])(
      'reports the endpoint %j, whose whitespace the R4 url regex (\\S*) refuses',
      (endpoint) => {
        expect(report((h) => (h.source.endpoint = endpoint))).toEqual([
          {
            rule: 'format',
            pointer: `${p}/source/endpoint`,
            message: `Expected a FHIR url at ${p}/source/endpoint, found the string ${JSON.stringify(endpoint)}.`,
          },
        ]);
      },
    );

    it.each([
      'https://icanbwell.com',
      'llp:10.1.1.10:9910',
      'mllp://10.1.1.10:2575',
      'urn:uuid:b4b5c6d7-0000-4000-8000-000000000000',
    ])('accepts the endpoint %s (any scheme)', (endpoint) => {
      expect(accept((h) => (h.source.endpoint = endpoint)).messageHeader.source.endpoint).toBe(endpoint);
    });
  });

  describe('extensions', () => {
    it('reports an extension without a url (Extension.url is 1..1)', () => {
      expect(report((h) => delete h.extension[0].url)).toMatchObject([
        { rule: 'cardinality', pointer: `${p}/extension/0/url` },
      ]);
    });

    it('refuses an extension with two value[x], pointing at the second', () => {
      const error = refuse((h) => (h.extension[1].valueString = 'x'));
      expect(error).toMatchObject({ code: 'invalid_field', pointer: `${p}/extension/1/valueString` });
      expect(error.message).toContain('found valueUri and valueString');
    });

    it('reports an extension with neither a value[x] nor nested extensions (ext-1)', () => {
      expect(report((h) => h.extension.push({ url: 'https://x.example/e' }))).toMatchObject([
        { rule: 'ext-1', pointer: `${p}/extension/2` },
      ]);
    });

    it('reports an extension with both a value[x] and nested extensions (ext-1)', () => {
      const issues = report((h) => (h.extension[1].extension = [{ url: 'part', valueString: 'x' }]));
      expect(issues).toMatchObject([{ rule: 'ext-1', pointer: `${p}/extension/1/extension` }]);
    });

    it('accepts an extension whose value exists only as _valueString (json.html), with no issue', () => {
      const event = accept((h) =>
        h.extension.push({
          url: 'https://x.example/note',
          _valueString: {
            extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }],
          },
        }),
      );
      expect(event.issues).toEqual([]);
    });

    it('accepts a complex extension made of nested extensions only', () => {
      const event = accept((h) =>
        h.extension.push({ url: 'https://example.org/complex', extension: [{ url: 'part', valueCode: 'a' }] }),
      );
      expect(event.type).toBe('data-export-completed');
    });

    it('checks nested extensions too', () => {
      const issues = report((h) =>
        h.extension.push({ url: 'https://example.org/complex', extension: [{ url: 'part' }] }),
      );
      expect(issues).toMatchObject([{ rule: 'ext-1', pointer: `${p}/extension/2/extension/0` }]);
    });

    it('refuses extensions that are not an array', () => {
      expect(refuse((h) => (h.extension = h.extension[0]))).toMatchObject({
        code: 'invalid_field',
        pointer: `${p}/extension`,
      });
    });

    it('refuses an extension that is not an object', () => {
      expect(refuse((h) => (h.extension[0] = 'external-identifier'))).toMatchObject({
        code: 'invalid_field',
        pointer: `${p}/extension/0`,
      });
    });

    it('refuses a modifierExtension without a url: nobody can understand it', () => {
      expect(refuse((h) => (h.modifierExtension = [{ valueBoolean: true }]))).toMatchObject({
        code: 'unknown_modifier',
        pointer: `${p}/modifierExtension/0`,
      });
    });
  });

  describe('values anywhere in the document', () => {
    it.each<[string, (h: Json) => void, string, string]>([
      ['an empty string', (h) => (h.destination[0].endpoint = ''), 'ele-1', '/destination/0/endpoint'],
      ['an empty array', (h) => (h.destination = []), 'json', '/destination'],
      ['an empty object', (h) => (h.destination[0] = {}), 'ele-1', '/destination/0'],
      [
        'an empty string deep inside',
        (h) => (h.extension[0].valueIdentifier.system = ''),
        'ele-1',
        '/extension/0/valueIdentifier/system',
      ],
    ])('reports %s at its pointer', (_, edit, rule, pointer) => {
      expect(report(edit)).toEqual([expect.objectContaining({ rule, pointer: `${p}${pointer}` })]);
    });

    it.each<[string, (h: Json) => void, string]>([
      ['a null', (h) => (h.source.name = null), '/source/name'],
      ['a null in an array', (h) => h.destination.push(null), '/destination/1'],
      ['a number where R4 has a url', (h) => (h.destination[0].endpoint = 42), '/destination/0/endpoint'],
      ['an object where R4 has a string', (h) => (h.source.name = { $exists: true }), '/source/name'],
      ['an array where R4 has one value', (h) => (h.source.name = ['b.well']), '/source/name'],
    ])('refuses %s with invalid_field at its pointer: a value of another JSON type', (_, edit, pointer) => {
      expect(refuse(edit)).toMatchObject({ code: 'invalid_field', pointer: `${p}${pointer}` });
    });

    it('lists issues shallowest first, siblings in document order', () => {
      const issues = report((h) => {
        h.destination[0].endpoint = '';
        h.extension[0].url = '';
      });
      expect(issues.map((issue) => issue.pointer)).toEqual([`${p}/destination/0/endpoint`, `${p}/extension/0/url`]);
    });

    it('escapes ~ and / in the keys of a pointer (RFC 6901)', () => {
      expect(report((h) => (h.source['a/b~c'] = 'x'))).toMatchObject([
        { rule: 'unknown-property', pointer: `${p}/source/a~1b~0c` },
      ]);
    });
  });

  describe('resource ids', () => {
    it.each(['mh 12345', 'a'.repeat(65), 'mh_12345', 'Ω'])('reports the id %j (R4 id regex)', (id) => {
      expect(report((h) => (h.id = id))).toMatchObject([{ rule: 'format', pointer: `${p}/id` }]);
    });

    it('refuses an id that is not a string', () => {
      expect(refuse((h) => (h.id = 12345))).toMatchObject({ code: 'invalid_field', pointer: `${p}/id` });
    });

    it.each(['a'.repeat(64), 'A-Z.0-9', '1'])('accepts the id %j', (id) => {
      expect(accept((h) => (h.id = id)).messageHeader.id).toBe(id);
    });

    it('applies the id rule to a resource whose id comes before its resourceType', () => {
      // JSON objects have no key order: the walk must not rely on resourceType being read first.
      const issues = report((h) => {
        const { resourceType, id: _id, ...rest } = h;
        for (const key of Object.keys(h)) delete h[key];
        Object.assign(h, { id: 'mh 12345' }, rest, { resourceType });
      });
      expect(issues).toMatchObject([{ rule: 'format', pointer: `${p}/id` }]);
    });

    it('leaves element ids (type string, not id) alone', () => {
      expect(accept((h) => (h.focus[0].id = 'any text, even with spaces')).type).toBe('data-export-completed');
    });
  });

  describe('focus of a known event', () => {
    it.each<[string, (h: Json) => void, string, string]>([
      ['no focus', (h) => delete h.focus, 'missing_field', '/focus'],
      ['a focus that is not an array', (h) => (h.focus = h.focus[0]), 'invalid_field', '/focus'],
      [
        'a focus on another resource type',
        (h) => (h.focus[0].reference = 'Patient/456'),
        'invalid_field',
        '/focus/0/reference',
      ],
      ['a reference without the type', (h) => (h.focus[0].reference = '456'), 'invalid_field', '/focus/0/reference'],
      ['an invalid Person id', (h) => (h.focus[0].reference = 'Person/4 56'), 'invalid_field', '/focus/0/reference'],
      [
        'a relative reference with a base',
        (h) => (h.focus[0].reference = 'fhir/Person/456'),
        'invalid_field',
        '/focus/0/reference',
      ],
      [
        'a contained reference to nothing',
        (h) => (h.focus[0].reference = '#p1'),
        'invalid_field',
        '/focus/0/reference',
      ],
      [
        'a urn:uuid the message does not carry, without a focus.type',
        (h) => (h.focus[0].reference = 'urn:uuid:8b7e7a52-5a7f-4f43-9d52-3b2a3f0e2f9c'),
        'invalid_field',
        '/focus/0/reference',
      ],
      ['a focus with only a display', (h) => (h.focus[0] = { display: 'Jane' }), 'missing_field', '/focus/0/reference'],
      ['a focus that is not an object', (h) => (h.focus[0] = 'Person/456'), 'invalid_field', '/focus/0'],
      ['two Person focuses', (h) => h.focus.push({ reference: 'Person/457' }), 'invalid_field', '/focus/1/reference'],
    ])('refuses %s', (_, edit, code, pointer) => {
      expect(refuse(edit)).toMatchObject({ code, pointer: `${p}${pointer}` });
    });

    it.each([
      ['a versioned reference', 'Person/456/_history/2'],
      ['an absolute reference', 'https://x.org/fhir/Person/456'],
      ['an absolute versioned reference', 'https://x.org/fhir/Person/456/_history/2'],
    ])('accepts %s (valid FHIR) as naming Person 456', (_, reference) => {
      const event = accept((h) => (h.focus[0].reference = reference));
      expect(event).toMatchObject({ person: { reference, resourceType: 'Person', id: '456' } });
    });

    it('refuses a focus of a type its MessageDefinition does not list, even beside the Person', () => {
      // MessageDefinition.focus lists only Person (min 1, max 1): an Organization is not part of the event.
      const error = refuse((h) => h.focus.unshift({ reference: 'Organization/1' }));
      expect(error).toMatchObject({ code: 'invalid_field', pointer: `${p}/focus/0/reference` });
      expect(error.message).toContain('a focus of type Person');
    });
  });

  describe('download URL of a data-export event', () => {
    it('refuses a missing download-url extension, pointing at extension', () => {
      expect(refuse((h) => h.extension.pop())).toMatchObject({ code: 'missing_field', pointer: `${p}/extension` });
      expect(refuse((h) => delete h.extension)).toMatchObject({ code: 'missing_field', pointer: `${p}/extension` });
    });

    it('ignores a download-url extension in another namespace', () => {
      const error = refuse((h) => (h.extension[1].url = 'https://evil.example/fhir/StructureDefinition/download-url'));
      expect(error).toMatchObject({ code: 'missing_field', pointer: `${p}/extension` });
    });

    it.each([
      'http://icanbwell.com/downloads/export.zip',
      'downloads/export.zip',
      'ftp://icanbwell.com/export.zip',
      'https:icanbwell.com/export.zip',
      'https:\\\\icanbwell.com/export.zip',
      'https://icanbwell.com/export 1.zip',
      'https://',
    ])('refuses %j, which is not an absolute https:// URL', (url) => {
      const error = refuse((h) => (h.extension[1].valueUri = url));
      expect(error).toMatchObject({ code: 'invalid_field', pointer: `${p}/extension/1/valueUri` });
      expect(error.message).toContain('https:// URL');
    });

    it('refuses a value of another type, pointing at it', () => {
      const error = refuse((h) => {
        delete h.extension[1].valueUri;
        h.extension[1].valueString = 'https://icanbwell.com/export.zip';
      });
      expect(error).toMatchObject({ code: 'invalid_field', pointer: `${p}/extension/1/valueString` });
    });

    it('accepts valueUrl as well as valueUri', () => {
      const event = accept((h) => {
        h.extension[1].valueUrl = h.extension[1].valueUri;
        delete h.extension[1].valueUri;
      });
      expect(event).toMatchObject({ downloadUrl: 'https://icanbwell.com/downloads/data-export-12345.zip' });
    });

    it.each(['http://example.com', 'http://icanbwell.com'])('accepts the %s namespace', (base) => {
      const event = accept((h) => {
        h.extension[1].url = `${base}/fhir/StructureDefinition/download-url`;
        h.extension[0].url = `${base}/fhir/StructureDefinition/external-identifier`;
      });
      expect(event).toMatchObject({
        downloadUrl: 'https://icanbwell.com/downloads/data-export-12345.zip',
        externalIdentifier: { value: 'client-specific-identifier' },
      });
    });
  });

  describe('external identifier', () => {
    it('refuses an external-identifier extension whose value is not an Identifier', () => {
      const error = refuse((h) => {
        delete h.extension[0].valueIdentifier;
        h.extension[0].valueString = 'client-specific-identifier';
      });
      expect(error).toMatchObject({ code: 'invalid_field', pointer: `${p}/extension/0/valueString` });
    });

    it('is undefined when the message carries none', () => {
      expect(accept((h) => h.extension.shift())).toMatchObject({ externalIdentifier: undefined });
    });
  });
});

describe('FHIR rules of the document shape', () => {
  it.each<[string, Json, string, string]>([
    ['another resource', { resourceType: 'Patient', id: '1' }, 'not_a_message', '/resourceType'],
    ['no resourceType', { id: '1' }, 'not_a_message', '/resourceType'],
    ['a resourceType of the wrong case', { resourceType: 'messageheader' }, 'not_a_message', '/resourceType'],
    [
      'a Bundle of another type',
      variant(published.userDeleteBundle, (b) => (b.type = 'collection')),
      'not_a_message',
      '/type',
    ],
    ['a Bundle without type', variant(published.userDeleteBundle, (b) => delete b.type), 'not_a_message', '/type'],
    [
      'a message Bundle without entries',
      variant(published.userDeleteBundle, (b) => delete b.entry),
      'missing_field',
      '/entry',
    ],
    [
      'entries that are not an array',
      variant(published.userDeleteBundle, (b) => (b.entry = b.entry[0])),
      'invalid_field',
      '/entry',
    ],
    [
      'a first entry without resource',
      variant(published.userDeleteBundle, (b) => (b.entry[0] = { fullUrl: 'urn:uuid:1' })),
      'missing_field',
      '/entry/0/resource',
    ],
    [
      'a first entry that is not an object',
      variant(published.userDeleteBundle, (b) => (b.entry[0] = 'x')),
      'invalid_field',
      '/entry/0',
    ],
    [
      'the Person first',
      variant(published.userDeleteBundle, (b) => b.entry.reverse()),
      'invalid_field',
      '/entry/0/resource/resourceType',
    ],
    [
      'a first resource without resourceType',
      variant(published.userDeleteBundle, (b) => delete b.entry[0].resource.resourceType),
      'missing_field',
      '/entry/0/resource/resourceType',
    ],
    [
      'an identifier value that is an object',
      variant(published.userDeleteBundle, (b) => (b.entry[1].resource.identifier[0].value = { $exists: true })),
      'invalid_field',
      '/entry/1/resource/identifier/0/value',
    ],
    [
      'a fullUrl that is a number',
      variant(published.userDeleteBundle, (b) => (b.entry[1].fullUrl = 789)),
      'invalid_field',
      '/entry/1/fullUrl',
    ],
    [
      // Its entry's fullUrl names Person/789: the message says two things about who the person is.
      'an invalid Person id under a fullUrl naming another',
      variant(published.userDeleteBundle, (b) => (b.entry[1].resource.id = '7 89')),
      'conflicting_person',
      '/entry/1/fullUrl',
    ],
    [
      'a modifier extension on the Person',
      variant(published.userDeleteBundle, (b) => {
        b.entry[1].resource.modifierExtension = [{ url: 'https://x.example/deceased', valueBoolean: true }];
      }),
      'unknown_modifier',
      '/entry/1/resource/modifierExtension/0/url',
    ],
  ])('refuses %s', (_, document, code, pointer) => {
    expect(refusalOf(document)).toMatchObject({ code, pointer });
  });

  it.each<[string, Json, string, string]>([
    [
      'an invalid Bundle id',
      variant(published.userDeleteBundle, (b) => (b.id = 'bundle user delete')),
      'format',
      '/id',
    ],
    [
      'an extension without url on the Person',
      variant(published.userDeleteBundle, (b) => (b.entry[1].resource.extension = [{ valueString: 'x' }])),
      'cardinality',
      '/entry/1/resource/extension/0/url',
    ],
    [
      'an empty string in the Person',
      variant(published.userDeleteBundle, (b) => (b.entry[1].resource.identifier[0].value = '')),
      'ele-1',
      '/entry/1/resource/identifier/0/value',
    ],
  ])('reports %s', (_, document, rule, pointer) => {
    expect(eventOf(document).issues).toMatchObject([{ rule, pointer }]);
  });

  it('says what was expected and what was found', () => {
    expect(refusalOf({ resourceType: 'Patient' }).message).toBe(
      'Expected "MessageHeader" or "Bundle" at /resourceType, found the string "Patient".',
    );
    expect(refusalOf(variant(published.userDeleteBundle, (b) => b.entry.reverse())).message).toBe(
      'Expected the MessageHeader as the first entry at /entry/0/resource/resourceType, found the string "Person".',
    );
  });

  describe('the focused Person of a message Bundle', () => {
    it('is the entry whose id matches the focus', () => {
      const bundle = variant(published.userDeleteBundle, (b) => {
        b.entry.splice(1, 0, {
          fullUrl: 'https://icanbwell.com/fhir/Person/1',
          resource: { resourceType: 'Person', id: '1' },
        });
      });
      const event = eventOf(bundle);
      if (event.type !== 'user-delete-completed') throw new Error(event.type);
      expect(event.person.resource?.id).toBe('789');
    });

    it('is found by fullUrl when the Person has no id', () => {
      const bundle = variant(published.userDeleteBundle, (b) => delete b.entry[1].resource.id);
      expect(eventOf(bundle)).toMatchObject({
        person: { id: '789', resource: { resourceType: 'Person' } },
        externalIdentifier: { value: 'a5ddab6d-24b0-4e52-a99d-f33263db5997' },
      });
    });

    it('is undefined (and so is the identifier) when no entry matches', () => {
      const bundle = variant(published.userDeleteBundle, (b) => {
        b.entry[1].resource.id = '790';
        b.entry[1].fullUrl = 'https://icanbwell.com/fhir/Person/790';
      });
      expect(eventOf(bundle)).toMatchObject({
        person: { id: '789', resource: undefined, resolvedBy: 'none' },
        externalIdentifier: undefined,
      });
    });

    it('must agree with the external-identifier extension, which is read first', () => {
      const bundle = variant(published.userDeleteBundle, (b) => {
        b.entry[0].resource.extension = [
          {
            url: 'http://icanbwell.com/fhir/StructureDefinition/external-identifier',
            valueIdentifier: { system: 'urn:client:identifier', value: 'from-extension' },
          },
        ];
      });
      expect(refusalOf(bundle)).toMatchObject({
        code: 'conflicting_person',
        pointer: `${IN_BUNDLE}/extension/0/valueIdentifier/value`,
      });
      const agreeing = variant(bundle, (b) => (b.entry[1].resource.identifier[0].value = 'from-extension'));
      expect(eventOf(agreeing)).toMatchObject({ externalIdentifier: { value: 'from-extension' } });
    });

    it('is read for its identifier with system urn:client:identifier only', () => {
      const bundle = variant(published.userDeleteBundle, (b) => {
        b.entry[1].resource.identifier.unshift({ system: 'urn:other', value: 'other' });
      });
      expect(eventOf(bundle)).toMatchObject({ externalIdentifier: { value: 'a5ddab6d-24b0-4e52-a99d-f33263db5997' } });
    });
  });
});
