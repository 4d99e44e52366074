import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/lib/json-syntax.js';

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
