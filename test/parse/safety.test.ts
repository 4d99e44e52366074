import { describe, expect, it } from 'vitest';
import { isWebhookError, parseEvent, safeParseEvent } from '../../src/index.js';
import { eventOf, type Json, published, refusalOf, variant } from './fixtures.js';

const text = JSON.stringify(published.userDeleteBare);

describe('prototype pollution', () => {
  const keys = ['__proto__', 'constructor', 'prototype'];

  it('leaves Object.prototype alone when __proto__ and constructor keys appear anywhere', () => {
    const body = text
      .replace('{', '{"__proto__":{"polluted":"root"},"constructor":{"prototype":{"polluted":"ctor"}},')
      .replace('"value":', '"__proto__":{"polluted":"identifier"},"value":');
    const event = parseEvent(body);
    expect(({} as Json).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(event.messageHeader)).toBe(Object.prototype);
    expect((event.messageHeader as Json).polluted).toBeUndefined();
    if (event.type !== 'user-delete-completed') throw new Error(event.type);
    expect((event.externalIdentifier as Json).polluted).toBeUndefined();
    expect(Object.hasOwn(event.externalIdentifier as object, '__proto__')).toBe(true);
  });

  it.each(keys)('treats an extension url or event code %j as plain data', (key) => {
    const body = variant(published.userDeleteBare, (h) => {
      h.extension[0].url = key;
      h.eventCoding.code = key;
    });
    expect(eventOf(JSON.stringify(body)).type).toBe('unknown');
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('keeps an already polluted Object.prototype out of the FHIR rules', () => {
    // Some other code polluted the prototype with values the rules refuse anywhere: the walk reads own keys only.
    const polluted = Object.prototype as Json;
    polluted.pollutedNull = null;
    polluted.pollutedEmpty = '';
    try {
      expect(parseEvent(text).type).toBe('user-delete-completed');
      expect(parseEvent(text).issues).toEqual([]);
      // An empty object is still empty, whatever it inherits.
      const { issues } = parseEvent(text.replace('"source":{', '"meta":{},"source":{'));
      expect(issues).toMatchObject([{ rule: 'ele-1', pointer: '/meta' }]);
    } finally {
      delete polluted.pollutedNull;
      delete polluted.pollutedEmpty;
    }
  });

  it('does not mistake an inherited property for a field', () => {
    // A message without `source`: Object.prototype has no `source`, but this proves the check reads own data.
    const error = refusalOf(text.replace('"source":{"endpoint":"https://icanbwell.com"},', ''));
    expect(error).toMatchObject({ code: 'missing_field', pointer: '/source' });
  });
});

describe('deep nesting', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
  const withDeep = (depth: number) => text.replace('{', `{"deep":${nested(depth)},`);

  it('refuses 10,000 levels with a WebhookError, not a RangeError', () => {
    const result = safeParseEvent(withDeep(10_000));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.code).toBe('invalid_field');
    expect(result.error.message).toContain('at most 100 levels of nesting');
    expect(result.error.pointer).toBe(`/deep${'/0'.repeat(99)}`);
  });

  it('refuses 10,000 levels inside a message Bundle too', () => {
    const bundle = JSON.stringify(published.userDeleteBundle).replace(
      '"id":"789"',
      `"id":"789","deep":${nested(10_000)}`,
    );
    expect(refusalOf(bundle).code).toBe('invalid_field');
  });

  it('accepts 100 levels counting the document itself, and refuses 101', () => {
    expect(eventOf(withDeep(99)).type).toBe('user-delete-completed');
    expect(refusalOf(withDeep(100)).message).toContain('at most 100 levels of nesting');
  });

  it('refuses a 10,000-level already-parsed value without recursion', () => {
    let deep: Json = 'x';
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(refusalOf({ ...published.userDeleteBare, deep }).code).toBe('invalid_field');
  });
});

describe('an already-parsed value that is not JSON', () => {
  it('refuses a cycle instead of looping', () => {
    const value: Json = structuredClone(published.userDeleteBare);
    value.source.self = value.source;
    expect(refusalOf(value)).toMatchObject({ code: 'invalid_field', pointer: '/source/self' });
  });

  it('refuses an object shared by two branches (a JSON document is a tree)', () => {
    const value: Json = structuredClone(published.userDeleteBare);
    value.destination.push(value.destination[0]);
    expect(refusalOf(value)).toMatchObject({ code: 'invalid_field', pointer: '/destination/1' });
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a function', () => 1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a bigint', 1n],
    ['a symbol', Symbol('x')],
  ])('refuses %s as a field value', (_, bad) => {
    const value: Json = structuredClone(published.userDeleteBare);
    value.source.name = bad;
    expect(refusalOf(value)).toMatchObject({ code: 'invalid_field', pointer: '/source/name' });
  });
});

describe('error messages', () => {
  it('quote at most a short excerpt of a long value', () => {
    const long = `https://${'a'.repeat(100_000)}`;
    const error = refusalOf(
      variant(published.dataExportBare, (h) => (h.extension[1].valueUri = long.replace('https', 'http'))),
    );
    expect(error.code).toBe('invalid_field');
    expect(error.message.length).toBeLessThan(200);
  });

  it('keep only the end of a long pointer', () => {
    const key = 'k'.repeat(10_000);
    const error = refusalOf(variant(published.userDeleteBare, (h) => (h.source[key] = null)));
    expect(error.pointer).toBe(`/source/${key}`);
    expect(error.message.length).toBeLessThan(250);
    // The same for an issue's message (its pointer is kept whole).
    const [issue] = parseEvent(variant(published.userDeleteBare, (h) => (h.source[key] = 'x'))).issues;
    expect(issue?.pointer).toBe(`/source/${key}`);
    expect(issue?.message.length).toBeLessThan(250);
  });

  it('never contain a long stretch of the body for invalid JSON', () => {
    const body = `{"resourceType":"MessageHeader","secret":"${'s'.repeat(5000)}", oops}`;
    const error = refusalOf(body);
    expect(error.code).toBe('invalid_json');
    expect(error.message).not.toContain('ssss');
  });

  it('are WebhookErrors recognised by isWebhookError', () => {
    expect(isWebhookError(refusalOf('{'))).toBe(true);
  });
});
