import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey, findJsonSyntaxError, mayRepeatKeys } from '../../src/lib/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each<[string, string, number, number, string]>([
    ['', 'a JSON value', 1, 1, 'the end of the input'],
    ['{', 'a string key or "}"', 1, 2, 'the end of the input'],
    ['{"a" 1}', '":"', 1, 6, 'the character "1"'],
    ['{"a":1,}', 'a string key', 1, 8, 'the character "}"'],
    ['[1,]', 'a JSON value', 1, 4, 'the character "]"'],
    ['[1 2]', '"," or "]"', 1, 4, 'the character "2"'],
    ['{"a":1]', '"," or "}"', 1, 7, 'the character "]"'],
    ['{}x', 'the end of the input', 1, 3, 'the character "x"'],
    ["{'a':1}", 'a string key or "}"', 1, 2, `the character "'"`],
    ['{"a":"\\x"}', 'a string character or an escape', 1, 7, 'the character "\\\\"'],
    ['{"a":"\\u12"}', 'a string character or an escape', 1, 7, 'the character "\\\\"'],
    ['{"a":"tab\there"}', 'a string character or an escape', 1, 10, 'the character "\\t"'],
    ['{"a":"open', 'a string character or an escape', 1, 11, 'the end of the input'],
    ['{"a":01}', '"," or "}"', 1, 7, 'the character "1"'],
    ['{"a":-}', 'a JSON value', 1, 6, 'the character "-"'],
    ['{"a":tru}', 'a JSON value', 1, 6, 'the character "t"'],
    ['{\n  "a": 1,\n  "b": <x>\n}', 'a JSON value', 3, 8, 'the character "<"'],
  ])('finds the error in %j: expected %s at line %i, column %i', (text, expected, line, column, found) => {
    expect(findJsonSyntaxError(text)).toMatchObject({ expected, line, column, found });
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('reports the syntax error, not a repeated name before it', () => {
    expect(findJsonSyntaxError('{"a":1,"a":2,]')).toMatchObject({ offset: 13, expected: 'a string key' });
  });

  it('handles 100,000 levels of nesting without recursion', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(99_999)}`;
    expect(findJsonSyntaxError(deep)).toMatchObject({ offset: deep.length, expected: '"," or "]"' });
  });

  test.prop([fc.jsonValue()])('finds no error in any valid JSON', (value) => {
    expect(findJsonSyntaxError(JSON.stringify(value, null, 1))).toBeUndefined();
  });

  test.prop([fc.string()])('finds an error exactly when JSON.parse throws', (text) => {
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    expect(findJsonSyntaxError(text) === undefined).toBe(valid);
  });

  test.prop([fc.json(), fc.nat()])('finds an error exactly when JSON.parse throws, for truncated JSON', (json, cut) => {
    const text = json.slice(0, cut % (json.length + 1));
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    expect(findJsonSyntaxError(text) === undefined).toBe(valid);
  });
});

describe('findDuplicateKey', () => {
  it.each<[string, string, string, number, number]>([
    ['{"a":1,"a":2}', 'a', '/a', 1, 8],
    ['{"a":1,"b":{"c":1},"a":2}', 'a', '/a', 1, 20],
    ['{"x":[{"b":1},{"b":1,"b":2}]}', 'b', '/x/1/b', 1, 22],
    ['[0,[1,{"k":[],"k":{}}]]', 'k', '/1/1/k', 1, 15],
    ['{"a":1,"\\u0061":2}', 'a', '/a', 1, 8],
    ['{"a/b~c":1,"a/b~c":2}', 'a/b~c', '/a~1b~0c', 1, 12],
    ['{"__proto__":1,"__proto__":2}', '__proto__', '/__proto__', 1, 16],
    ['{"":1,"":2}', '', '/', 1, 7],
    ['{\n  "e": {\n    "code": "a",\n    "code": "b"\n  }\n}', 'code', '/e/code', 4, 5],
  ])('finds the second name in %j: %j at %s, line %i, column %i', (text, name, pointer, line, column) => {
    const found = findDuplicateKey(text);
    expect(found).toEqual({ name, pointer, line, column, offset: expect.any(Number) });
    expect(text.slice(found?.offset)).toMatch(/^"/);
  });

  it.each([
    '{"a":1,"b":2}',
    '{"a":{"a":{"a":1}}}',
    '[{"a":1},{"a":1}]',
    '{"a":1,"A":2,"a ":3}',
    '{"a":"\\"a\\":1"}',
    '"a"',
    '[]',
  ])('finds no duplicate in %j', (text) => {
    expect(findDuplicateKey(text)).toBeUndefined();
  });

  it('stops at the first syntax error', () => {
    expect(findDuplicateKey('{"a":1,]"a":2}')).toBeUndefined();
    expect(findDuplicateKey('{"a":1,"a":2,]')).toMatchObject({ pointer: '/a' });
  });

  it('finds a duplicate under 100,000 levels of nesting without recursion', () => {
    const deep = `${'['.repeat(100_000)}{"a":1,"a":2}${']'.repeat(100_000)}`;
    expect(findDuplicateKey(deep)?.pointer).toBe(`${'/0'.repeat(100_000)}/a`);
  });

  test.prop([fc.jsonValue(), fc.constantFrom(0, 1)])(
    'finds no duplicate in any JSON.stringify output',
    (value, indent) => {
      expect(findDuplicateKey(JSON.stringify(value, null, indent))).toBeUndefined();
    },
  );

  test.prop([objectWithRepeat])('finds the one repeated name, at its pointer', ({ text, pointer }) => {
    expect(findDuplicateKey(text)?.pointer).toBe(pointer);
  });
});

describe('mayRepeatKeys', () => {
  const check = (text: string) => mayRepeatKeys(text, JSON.parse(text));

  it.each([
    ['a repeated name', '{"a":1,"a":2}'],
    ['a repeated name deep down', '{"x":[{"y":{"b":"c:d","b":"e"}}]}'],
    [
      'a repeat whose lost colon a \\u003a elsewhere would hide, were escapes not counted',
      '{"a":1,"a":2,"x":"\\u003a"}',
    ],
    ['a repeat beside a \\u003A spelled with a capital', '{"a":"x","a":1,"b":"\\u003A"}'],
    ['a repeated __proto__', '{"__proto__":{"a":"b:c"},"__proto__":1}'],
  ])('says "look" for %s', (_, text) => {
    expect(check(text)).toBe(true);
  });

  it.each([
    ['colons in values and keys', '{"url:x":"https://a:8080/b","n":[1,"c:d:e"]}'],
    ['an escaped colon', '{"a\\u003ab":"\\u003A"}'],
    ['a string alone', '"a:b"'],
    ['a __proto__ key, which JSON.parse makes an own property', '{"__proto__":{"a":"b:c"},"x":1}'],
    ['a number alone', '42'],
  ])('proves there is no repeat with %s', (_, text) => {
    expect(check(text)).toBe(false);
  });

  it('says "look" for an escaped backslash before u003a: a false alarm, which the full scan settles', () => {
    const text = '{"a":"\\\\u003a"}';
    expect(check(text)).toBe(true);
    expect(findDuplicateKey(text)).toBeUndefined();
  });

  it('says "look" while Object.prototype has an enumerable property, which for...in would count', () => {
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.pollutedKey = 'x';
    try {
      expect(check('{"a":1}')).toBe(true);
    } finally {
      delete polluted.pollutedKey;
    }
    expect(check('{"a":1}')).toBe(false);
  });

  it('counts 100,000 levels of nesting without recursion', () => {
    expect(check(`${'['.repeat(100_000)}{"a":1}${']'.repeat(100_000)}`)).toBe(false);
    expect(check(`${'['.repeat(100_000)}{"a":1,"a":1}${']'.repeat(100_000)}`)).toBe(true);
  });

  test.prop([fc.jsonValue(), fc.constantFrom(0, 2)])(
    'proves there is no repeat in JSON.stringify output',
    (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      // The one false alarm: a string that holds the six characters \u003a (JSON.stringify writes them as \\u003a).
      fc.pre(!/\\u003a/i.test(text));
      expect(check(text)).toBe(false);
    },
  );

  test.prop([objectWithRepeat])('never misses a repeated name', ({ text }) => {
    expect(check(text)).toBe(true);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// A JSON text with exactly one repeated name: the `at`-th object that has a key gets its first member written
// twice, the first time with another value (JSON.parse keeps the second). Its pointer is that member's.
const objectWithRepeat = fc
  .record({ value: fc.jsonValue({ maxDepth: 4 }), at: fc.nat(), lost: fc.jsonValue({ maxDepth: 2 }) })
  .map(({ value, at, lost }) => {
    const targets: string[] = [];
    const collect = (node: Json, pointer: string) => {
      if (typeof node !== 'object' || node === null) return;
      const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
      if (!Array.isArray(node) && entries.length > 0) targets.push(pointer);
      for (const [key, child] of entries)
        collect(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    };
    collect(value as Json, '');
    const target = targets.length === 0 ? undefined : targets[at % targets.length];
    let pointer = '';
    const write = (node: Json, at: string): string => {
      if (typeof node !== 'object' || node === null) return JSON.stringify(node);
      if (Array.isArray(node)) return `[${node.map((v, i) => write(v, `${at}/${i}`)).join(',')}]`;
      const members = Object.entries(node).map(
        ([k, v]) => `${JSON.stringify(k)}:${write(v, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`)}`,
      );
      const [first] = Object.keys(node);
      if (at === target && first !== undefined) {
        pointer = `${at}/${first.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        members.unshift(`${JSON.stringify(first)}:${JSON.stringify(lost)}`);
      }
      return `{${members.join(',')}}`;
    };
    const text = write(target === undefined ? { only: value as Json } : (value as Json), '');
    if (target === undefined) pointer = '/only';
    return { text: target === undefined ? `{"only":null,${text.slice(1)}` : text, pointer };
  });
