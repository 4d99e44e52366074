import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey, findJsonSyntaxError } from '../../src/lib/json-syntax.js';
import { objectWithRepeat } from './json-texts.js';

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
