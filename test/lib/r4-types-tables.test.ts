// The R4 table readers, each test on a module of its own: typeRule and primitiveRule read a table once and
// cache it, so in a shared module only the first test to ask for a type would run the reader at all (and a
// mutation tool that maps code to the tests that ran it would credit only that one). Each test here asks
// vitest for a fresh copy of r4-types.ts and reads the tables itself.
import { describe, expect, it, vi } from 'vitest';
import { parseEvent, safeParseEvent } from '../../src/index.js';
import { R4_ELEMENTS } from '../../src/lib/r4-elements.generated.js';

type R4Types = typeof import('../../src/lib/r4-types.js');

const freshTables = async (): Promise<R4Types> => {
  vi.resetModules();
  return await import('../../src/lib/r4-types.js');
};

describe('typeRule', () => {
  it('reads a type once: the same rule object every time, for types and primitives', async () => {
    const { typeRule, primitiveRule } = await freshTables();
    const coding = typeRule('Coding');
    expect(coding).toBeDefined();
    expect(typeRule('Coding')).toBe(coding);
    const date = primitiveRule('date');
    expect(date).toBeDefined();
    expect(primitiveRule('date')).toBe(date);
    expect(typeRule('NoSuchType')).toBeUndefined();
    expect(typeRule('NoSuchType')).toBeUndefined();
    expect(primitiveRule('noSuchPrimitive')).toBeUndefined();
    expect(primitiveRule('noSuchPrimitive')).toBeUndefined();
  });

  it("lists MessageHeader's required elements with the keys that satisfy each (a primitive's _x twin too)", async () => {
    const { typeRule } = await freshTables();
    expect(typeRule('MessageHeader')?.required).toEqual([
      ['event[x]', ['eventCoding', 'eventUri', '_eventUri']],
      ['source', ['source']],
    ]);
    expect(typeRule('MessageHeader.source')?.required).toEqual([['endpoint', ['endpoint', '_endpoint']]]);
    expect(typeRule('MessageHeader.destination')?.required).toEqual([['endpoint', ['endpoint', '_endpoint']]]);
    expect(typeRule('MessageHeader.response')?.required).toEqual([
      ['identifier', ['identifier', '_identifier']],
      ['code', ['code', '_code']],
    ]);
  });

  it('lists no required element for a type that has none', async () => {
    const { typeRule } = await freshTables();
    expect(typeRule('Coding')?.required).toEqual([]);
    expect(typeRule('Bundle.entry')?.required).toEqual([]);
  });

  it('reads a key of a backbone element: Bundle.entry.resource, request and fullUrl', async () => {
    const { typeRule, primitiveRule } = await freshTables();
    const keys = typeRule('Bundle.entry')?.keys;
    expect(keys?.resource).toEqual({
      name: 'resource',
      type: 'Resource',
      primitive: undefined,
      repeats: false,
      codes: undefined,
      choice: false,
      plain: false,
      requiredBit: 0,
      of: undefined,
    });
    expect(keys?.request).toMatchObject({ name: 'request', type: 'Bundle.entry.request', plain: false });
    expect(keys?.fullUrl).toEqual({
      name: 'fullUrl',
      type: 'uri',
      primitive: primitiveRule('uri'),
      repeats: false,
      codes: undefined,
      choice: false,
      plain: true,
      requiredBit: 0,
      of: undefined,
    });
    expect(keys?.link).toMatchObject({ name: 'link', type: 'Bundle.link', repeats: true, plain: false });
  });

  it('has room in a small integer for one bit per required element of every type (three at most today)', async () => {
    const { typeRule } = await freshTables();
    const counts = Object.keys(R4_ELEMENTS).map((name) => typeRule(name)?.required.length ?? 0);
    expect(Math.max(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThanOrEqual(30);
  });

  it('gives each required element a bit of its own, shared by the keys that satisfy it', async () => {
    const { typeRule } = await freshTables();
    const header = typeRule('MessageHeader');
    expect(header?.required.map(([name]) => name)).toEqual(['event[x]', 'source']);
    expect(header?.requiredBits).toBe(0b11);
    expect([header?.keys.eventCoding?.requiredBit, header?.keys.eventUri?.requiredBit]).toEqual([1, 1]);
    expect(header?.keys.source?.requiredBit).toBe(2);
    expect(header?.keys.destination?.requiredBit).toBe(0);
    expect(typeRule('Coding')?.requiredBits).toBe(0);
  });

  it('reads each type of a choice as its own key, under the choice name', async () => {
    const { typeRule } = await freshTables();
    const keys = typeRule('MessageHeader')?.keys;
    expect(keys?.eventCoding).toMatchObject({ name: 'event[x]', type: 'Coding', choice: true, plain: false });
    expect(keys?.eventUri).toMatchObject({ name: 'event[x]', type: 'uri', choice: true, plain: false });
    expect(keys?.['event[x]']).toBeUndefined();
  });

  it('marks a lone string without binding as plain, and Reference.reference and implicitRules as not', async () => {
    const { typeRule } = await freshTables();
    expect(typeRule('Coding')?.keys.system?.plain).toBe(true);
    expect(typeRule('Coding')?.keys.display?.plain).toBe(true);
    expect(typeRule('Reference')?.keys.display?.plain).toBe(true);
    expect(typeRule('Reference')?.keys.reference).toMatchObject({ type: 'string', plain: false });
    expect(typeRule('Bundle')?.keys.implicitRules).toMatchObject({ type: 'uri', plain: false });
    expect(typeRule('MessageHeader')?.keys.implicitRules).toMatchObject({ type: 'uri', plain: false });
  });

  it('marks a repeating string, a bound code and a primitive with a real regex as not plain', async () => {
    const { typeRule } = await freshTables();
    const address = typeRule('Address')?.keys;
    expect(address?.line).toMatchObject({ type: 'string', repeats: true, plain: false });
    expect(address?.city).toMatchObject({ type: 'string', repeats: false, plain: true });
    expect(address?.use).toMatchObject({
      type: 'code',
      codes: ['home', 'work', 'temp', 'old', 'billing'],
      plain: false,
    });
    expect(typeRule('Coding')?.keys.code).toMatchObject({ type: 'code', codes: undefined, plain: true });
    expect(typeRule('Coding')?.keys.userSelected).toMatchObject({ type: 'boolean', plain: false });
    expect(typeRule('Bundle')?.keys.timestamp).toMatchObject({ type: 'instant', plain: false });
  });
});

describe('primitiveRule', () => {
  it.each<[string, 'boolean' | 'number' | 'string']>([
    ['boolean', 'boolean'],
    ['decimal', 'number'],
    ['integer', 'number'],
    ['positiveInt', 'number'],
    ['unsignedInt', 'number'],
    ['string', 'string'],
    ['date', 'string'],
    ['xhtml', 'string'],
    ['base64Binary', 'string'],
  ])('reads %s as a JSON %s', async (name, json) => {
    const { primitiveRule } = await freshTables();
    expect(primitiveRule(name)).toMatchObject({ type: name, json });
  });

  it('has no pattern for numbers, booleans, xhtml (an empty regex) and base64Binary (checked by a loop)', async () => {
    const { primitiveRule } = await freshTables();
    for (const name of ['boolean', 'decimal', 'integer', 'xhtml', 'base64Binary']) {
      expect(primitiveRule(name)?.pattern, name).toBeUndefined();
    }
  });

  it("anchors a date's R4 regex: it takes a date and refuses anything else", async () => {
    const { primitiveRule } = await freshTables();
    const pattern = primitiveRule('date')?.pattern;
    expect(pattern).toBeInstanceOf(RegExp);
    for (const date of ['2026', '2026-12', '2026-12-01', '0001-01-31']) expect(pattern?.test(date), date).toBe(true);
    for (const text of ['', '26', '2026-13', '2026-12-32', '2026-12-01T10:00:00Z', 'x2026', '2026-12-01x']) {
      expect(pattern?.test(text), text).toBe(false);
    }
  });

  it('anchors the regexes of id, uuid and oid', async () => {
    const { primitiveRule } = await freshTables();
    expect(primitiveRule('id')?.pattern?.test('a-Z.0')).toBe(true);
    expect(primitiveRule('id')?.pattern?.test('a b')).toBe(false);
    expect(primitiveRule('id')?.pattern?.test('x'.repeat(65))).toBe(false);
    expect(primitiveRule('uuid')?.pattern?.test('urn:uuid:3f7a4c1e-2b8d-4e6f-9a0c-5d1e2f3a4b5c')).toBe(true);
    expect(primitiveRule('uuid')?.pattern?.test('urn:uuid:3F7A4C1E-2b8d-4e6f-9a0c-5d1e2f3a4b5c')).toBe(false);
    expect(primitiveRule('oid')?.pattern?.test('urn:oid:1.2.3')).toBe(true);
    expect(primitiveRule('oid')?.pattern?.test('oid:1.2.3')).toBe(false);
  });

  it('tells the primitives whose regex only limits whitespace (spaceless) from the others', async () => {
    const { primitiveRule } = await freshTables();
    for (const name of ['string', 'markdown', 'code', 'uri', 'url', 'canonical']) {
      expect(primitiveRule(name)?.spaceless, name).toBe(true);
    }
    for (const name of ['boolean', 'decimal', 'date', 'id', 'xhtml', 'base64Binary']) {
      expect(primitiveRule(name)?.spaceless, name).toBe(false);
    }
  });
});

describe('isBase64Binary', () => {
  // Each case: a label (test names stay ASCII), the text, and whether R4's regex takes it.
  it.each<[string, string, boolean]>([
    ['every edge of every range', 'AZaz09+/', true],
    ['A', 'AAAA', true],
    ['Z', 'ZZZZ', true],
    ['a', 'aaaa', true],
    ['z', 'zzzz', true],
    ['0', '0000', true],
    ['9', '9999', true],
    ['plus', '++++', true],
    ['slash', '////', true],
    ['padding', 'QQ==', true],
    ['the character before A', 'QUJ@', false],
    ['the character after Z', 'QUJ[', false],
    ['the character before a', 'QUJ`', false],
    ['the character after z', 'QUJ{', false],
    ['a tilde', 'QUJ~', false],
    ['the character before 0', 'QUJ.', false],
    ['the character after 9', 'QUJ:', false],
    ['a minus', 'QUJ-', false],
    ['an underscore', 'QUJ_', false],
    ['a non-ASCII letter', 'QUJ\u00e9', false],
    ['a non-ASCII letter between groups', 'QUJD\u00e9QUJD', false],
    ['a non-ASCII letter between spaced groups', 'QUJD \u00e9 QUJD', false],
    ['a space between groups', 'QUJD QUJD', true],
    ['a tab between groups', 'QUJD\tQUJD', true],
    ['a line feed between groups', 'QUJD\nQUJD', true],
    ['a vertical tab between groups', 'QUJD\u000bQUJD', true],
    ['a form feed between groups', 'QUJD\fQUJD', true],
    ['a carriage return between groups', 'QUJD\rQUJD', true],
    ['whitespace around the groups', ' \t\r\nQUJD\r\n', true],
    ['a no-break space between groups', 'QUJD\u00a0QUJD', true],
    ['an ideographic space between groups', 'QUJD\u3000QUJD', true],
    ['a backspace between groups', 'QUJD\u0008QUJD', false],
    ['U+000E between groups', 'QUJD\u000eQUJD', false],
    ['U+001F between groups', 'QUJD\u001fQUJD', false],
    ['U+0001 between groups', 'QUJD\u0001QUJD', false],
    ['a NUL between groups', 'QUJD\u0000QUJD', false],
    ['DEL between groups', 'QUJD\u007fQUJD', false],
    ['a space inside a group', 'QU JD', false],
    ['a tab inside a group', 'QU\tJD', false],
    ['a no-break space inside a group', 'QU\u00a0JD', false],
    ['one character short', 'QUJ', false],
    ['one group and one character', 'QUJDQ', false],
    ['two groups and three characters', 'QUJDQUJDQUJ', false],
    ['whitespace only', ' \t\n', false],
    ['nothing', '', false],
  ])('reads %s as R4 does', async (_, text, valid) => {
    const { isBase64Binary } = await freshTables();
    expect(isBase64Binary(text)).toBe(valid);
    expect(/^(?:(\s*([0-9a-zA-Z+/=]){4}\s*)+)$/.test(text)).toBe(valid);
  });
});

// What the tables decide, seen through parseEvent. These share one parser: a fresh copy of the whole SDK would
// run every module's top-level code inside a test, and a mutation tool would then credit the constants of
// json-syntax.ts, read-message.ts or check-document.ts to these tests alone. The tests above, each on fresh
// tables, are the ones that hold the readers to their rules.
describe('the tables, through parseEvent', () => {
  const header = () => ({
    resourceType: 'MessageHeader',
    id: 'mh1',
    eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-delete-completed' },
    source: { endpoint: 'https://icanbwell.com' },
    destination: [{ endpoint: 'https://client.example/webhook' }] as object[],
    focus: [{ reference: 'Person/789' }] as object[],
  });
  const dataAbsent = {
    extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }],
  };

  it('reports a missing required destination.endpoint as a cardinality issue', () => {
    const body = { ...header(), destination: [{ name: 'client' }] };
    expect(parseEvent(JSON.stringify(body)).issues).toEqual([
      {
        rule: 'cardinality',
        pointer: '/destination/0/endpoint',
        message: 'Expected MessageHeader.destination.endpoint (min 1) at /destination/0/endpoint, found nothing.',
      },
    ]);
  });

  it('reports each required element a type misses, and only those: SampledData requires three', () => {
    const sampled = (data: object) => ({
      ...header(),
      extension: [{ url: 'https://x.example/samples', valueSampledData: data }],
    });
    const missing = (data: object) =>
      parseEvent(JSON.stringify(sampled(data))).issues.map((issue) => `${issue.rule} ${issue.pointer}`);
    const at = '/extension/0/valueSampledData';
    expect(missing({ data: '1 2' })).toEqual([
      `cardinality ${at}/origin`,
      `cardinality ${at}/period`,
      `cardinality ${at}/dimensions`,
    ]);
    expect(missing({ period: 1, _dimensions: dataAbsent })).toEqual([`cardinality ${at}/origin`]);
    expect(missing({ origin: { value: 0 }, period: 1, dimensions: 1 })).toEqual([]);
  });

  it('takes a required element given only as its _x twin', () => {
    const body = { ...header(), destination: [{ _endpoint: dataAbsent }] };
    expect(parseEvent(JSON.stringify(body)).issues).toEqual([]);
  });

  it('refuses, under strict validation, a response without its required code', () => {
    const body = { ...header(), response: { identifier: 'abc', code: 'ok' } };
    expect(parseEvent(JSON.stringify(body)).issues).toEqual([]);
    const strict = () =>
      parseEvent(JSON.stringify({ ...body, response: { identifier: 'abc' } }), { validation: 'strict' });
    expect(strict).toThrow(
      expect.objectContaining({
        code: 'nonconformant_message',
        pointer: '/response/code',
        message: 'Expected MessageHeader.response.code (min 1) at /response/code, found nothing (R4 rule cardinality).',
      }),
    );
  });

  it('takes no _x key for a required complex element: _source is no source', () => {
    const body = {
      ...header(),
      extension: [
        {
          url: 'https://x.example/context',
          valueUsageContext: { _code: dataAbsent, valueReference: { display: 'x' } },
        },
      ],
    };
    expect(parseEvent(JSON.stringify(body)).issues.map((issue) => `${issue.rule} ${issue.pointer}`)).toEqual([
      'unknown-property /extension/0/valueUsageContext/_code',
      'cardinality /extension/0/valueUsageContext/code',
    ]);
  });

  it('finds a contained resource referenced with #id from the focus: no dom-3 issue', () => {
    const body = {
      ...header(),
      // An event this SDK does not know: its focus is not held to user-delete-completed's one Person.
      eventCoding: { system: 'http://icanbwell.com/event-types', code: 'record-shared' },
      contained: [{ resourceType: 'Person', id: 'p1' }],
      focus: [{ reference: '#p1' }],
    };
    expect(parseEvent(JSON.stringify(body))).toMatchObject({ type: 'unknown', issues: [] });
  });

  it('reports a contained resource nothing references (dom-3)', () => {
    const body = { ...header(), contained: [{ resourceType: 'Person', id: 'p1' }] };
    expect(parseEvent(JSON.stringify(body)).issues.map((issue) => issue.rule)).toContain('dom-3');
  });

  it('refuses an implicitRules it does not understand, and takes one it does', () => {
    const body = JSON.stringify({ ...header(), implicitRules: 'https://rules.example/local' });
    const refused = safeParseEvent(body);
    expect(refused.success).toBe(false);
    expect(refused.success ? undefined : refused.error).toMatchObject({
      code: 'unknown_modifier',
      pointer: '/implicitRules',
    });
    expect(safeParseEvent(body, { understoodModifiers: ['https://rules.example/local'] })).toMatchObject({
      success: true,
    });
  });

  it('refuses a string where R4 repeats the element (an array)', () => {
    const body = { ...header(), source: { endpoint: 'https://icanbwell.com' }, destination: 'https://x.example' };
    expect(safeParseEvent(JSON.stringify(body))).toMatchObject({
      success: false,
      error: { code: 'invalid_field', pointer: '/destination' },
    });
  });

  it('checks a date with its regex, and a base64Binary with the loop', () => {
    const person = (extra: object) => ({
      resourceType: 'Bundle',
      type: 'message',
      entry: [
        { resource: { ...header(), id: undefined } },
        {
          fullUrl: 'https://icanbwell.com/fhir/Person/789',
          resource: { resourceType: 'Person', id: '789', ...extra },
        },
      ],
    });
    expect(parseEvent(JSON.stringify(person({ birthDate: '1970-01-31' }))).issues).toEqual([]);
    expect(parseEvent(JSON.stringify(person({ birthDate: '1970-13-01' }))).issues).toMatchObject([
      { rule: 'format', pointer: '/entry/1/resource/birthDate' },
    ]);
    const photo = (data: string) => person({ photo: { contentType: 'image/png', data } });
    expect(parseEvent(JSON.stringify(photo('iVBO Rw0K'))).issues).toEqual([]);
    expect(parseEvent(JSON.stringify(photo('iVBORw0'))).issues).toMatchObject([
      { rule: 'format', pointer: '/entry/1/resource/photo/data' },
    ]);
  });
});
