// The JSON scanner's corners that JSON.stringify's output never shows: whitespace other than spaces and line
// feeds, a second value after the top-level one, a comma at the top level, a value where a key belongs, the
// expectation after an empty container, and positions at a line feed inside a string.
import { describe, expect, it } from 'vitest';
import {
  colonsIn,
  findDuplicateKey,
  findJsonSyntaxError,
  isCompactText,
  stringCount,
  textMembers,
} from '../../src/lib/json-syntax.js';
import { UNESCAPED_WHITESPACE } from './json-texts.js';

describe('findJsonSyntaxError, on the corners of the grammar', () => {
  it.each<[string, string]>([
    ['tabs between every token', '\t{\t"a"\t:\t[\t1\t,\t2\t]\t}\t'],
    ['carriage returns between every token', '\r{\r"a"\r:\r[\r1\r,\r2\r]\r}\r'],
    ['CR LF line ends', '{\r\n  "a": 1,\r\n  "b": [true, null]\r\n}\r\n'],
    ['an empty container inside an array', '[[], {}, [[]], 1]'],
    ['an empty object as a member', '{"a":{},"b":[]}'],
  ])('finds no error in %s', (_, text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it.each<[string, string, string, number, number, string]>([
    ['a second top-level value', '{} "a"', 'the end of the input', 1, 4, 'the character "\\""'],
    ['a second top-level number', '1 2', 'the end of the input', 1, 3, 'the character "2"'],
    ['a second top-level array', '[] []', 'the end of the input', 1, 4, 'the character "["'],
    ['a comma after the top-level value', '1,', 'the end of the input', 1, 2, 'the character ","'],
    ['a comma after a top-level object', '{"a":1},{"b":2}', 'the end of the input', 1, 8, 'the character ","'],
    ['a value after an empty array in an array', '[[] 1]', '"," or "]"', 1, 5, 'the character "1"'],
    ['a value after an empty object in an object', '{"a":{} 1}', '"," or "}"', 1, 9, 'the character "1"'],
    ['a key after an empty array in an object', '{"a":[] "b":1}', '"," or "}"', 1, 9, 'the character "\\""'],
    ['a number where the first key belongs', '{1}', 'a string key or "}"', 1, 2, 'the character "1"'],
    ['an object where the first key belongs', '{{}}', 'a string key or "}"', 1, 2, 'the character "{"'],
    ['an array where the first key belongs', '{[]:1}', 'a string key or "}"', 1, 2, 'the character "["'],
    ['a number where a later key belongs', '{"a":1,2}', 'a string key', 1, 8, 'the character "2"'],
    ['an object where a later key belongs', '{"a":1,{}}', 'a string key', 1, 8, 'the character "{"'],
    ['true where a later key belongs', '{"a":1,true:2}', 'a string key', 1, 8, 'the character "t"'],
    ['a line feed inside a string', '"a\nb"', 'a string character or an escape', 1, 3, 'the character "\\n"'],
    [
      'a line feed inside a key, on line 2',
      '{\n"a\nb":1}',
      'a string character or an escape',
      2,
      3,
      'the character "\\n"',
    ],
    ['a vertical tab between tokens', '{\u000b"a":1}', 'a string key or "}"', 1, 2, 'the character "\\u000b"'],
    ['a no-break space between tokens', '[1,\u00a02]', 'a JSON value', 1, 4, 'the character "\u00a0"'],
  ])('refuses %s', (_, text, expected, line, column, found) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(findJsonSyntaxError(text)).toEqual({ offset: expect.any(Number), line, column, expected, found });
  });

  it('gives the offset of the character at fault, and counts lines from each line feed', () => {
    expect(findJsonSyntaxError('{"a":\n\n  x}')).toEqual({
      offset: 9,
      line: 3,
      column: 3,
      expected: 'a JSON value',
      found: 'the character "x"',
    });
    expect(findJsonSyntaxError('"a\n"')).toMatchObject({ offset: 2, line: 1, column: 3 });
  });
});

describe('findDuplicateKey, on the corners of the grammar', () => {
  it('finds a repeat after tabs and carriage returns', () => {
    expect(findDuplicateKey('{\t"a":1,\r\n\t"a":2}')).toEqual({
      name: 'a',
      pointer: '/a',
      offset: 11,
      line: 2,
      column: 2,
    });
  });

  it('finds a repeat inside an object that follows an empty container', () => {
    expect(findDuplicateKey('[[],{},{"k":1,"k":2}]')).toMatchObject({ name: 'k', pointer: '/2/k' });
  });

  it('finds none in text that stops being JSON before a repeat', () => {
    expect(findDuplicateKey('{"a":1} {"a":1,"a":2}')).toBeUndefined();
  });
});

describe('textMembers, stringCount and colonsIn', () => {
  it('count the colons of a text, and each \\u003a spelling of one in either case', () => {
    expect(colonsIn('')).toBe(0);
    expect(colonsIn('{"a":"b:c"}')).toBe(2);
    expect(textMembers('{"a":1,"b":2}', false)).toBe(2);
    expect(textMembers('{"a":"x\\u003ay\\u003Az"}', false)).toBe(3);
    expect(textMembers('{"a":"\\u0041"}', false)).toBe(1);
    expect(stringCount('a:b:', false)).toBe(2);
  });

  it('count, in a compact text, only the colons right after a quote: one per key and per string that starts with one', () => {
    expect(textMembers('{"a":"b:c","d":"http://e"}', true)).toBe(2);
    expect(textMembers('{":a":":b","c":[":"]}', true)).toBe(5);
    expect(textMembers(':{"a":1}', true)).toBe(1);
    expect(stringCount(':a:', true)).toBe(1);
    expect(stringCount('a:', true)).toBe(0);
    expect(stringCount('', true)).toBe(0);
  });
});

describe('isCompactText', () => {
  it('is true of a text with no whitespace and no escape, whatever its colons, quotes and other characters', () => {
    expect(isCompactText('{"a":["b:c",1,true],"é":"ü€😀"}')).toBe(true);
    expect(isCompactText('')).toBe(true);
  });

  it('is false of a text with whitespace between its values', () => {
    for (const space of [' ', '\n', '\r', '\t']) expect(isCompactText(`{"a":${space}1}`)).toBe(false);
  });

  it('is false of a text with an escape', () => {
    expect(isCompactText('{"a":"\\u0041"}')).toBe(false);
    expect(isCompactText('{"a":"\\""}')).toBe(false);
  });

  it('is false of a text whose string holds any character of \\s that JSON may hold unescaped', () => {
    expect(UNESCAPED_WHITESPACE).toHaveLength(20);
    for (const char of UNESCAPED_WHITESPACE) {
      expect(isCompactText(`{"a":"x${char}y"}`), `U+${char.charCodeAt(0).toString(16)}`).toBe(false);
      // Also in a two-byte text, where the search cannot stop at once.
      expect(isCompactText(`{"a":"€${char}"}`), `U+${char.charCodeAt(0).toString(16)}`).toBe(false);
    }
  });
});
