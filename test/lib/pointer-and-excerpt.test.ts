import { describe, expect, it } from 'vitest';
import { describeValue, excerpt } from '../../src/lib/excerpt.js';
import { invalidField, missingField } from '../../src/lib/fail.js';
import { toPointer } from '../../src/lib/pointer.js';

describe('toPointer', () => {
  it.each<[(string | number)[], string]>([
    [[], ''],
    [['entry', 0, 'resource'], '/entry/0/resource'],
    [['a/b'], '/a~1b'],
    [['m~n'], '/m~0n'],
    [['~1'], '/~01'],
    [[''], '/'],
  ])('turns %j into %j (RFC 6901)', (path, pointer) => {
    expect(toPointer(path)).toBe(pointer);
  });
});

describe('describeValue', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [undefined, 'undefined'],
    ['', 'an empty string'],
    ['abc', 'the string "abc"'],
    [[], 'an empty array'],
    [[1], 'an array'],
    [{}, 'an empty object'],
    [{ a: 1 }, 'an object'],
    [7, 'number 7'],
    [false, 'boolean false'],
  ])('describes %j as %j', (value, description) => {
    expect(describeValue(value)).toBe(description);
  });

  it('quotes at most 40 characters of a long string', () => {
    expect(describeValue('x'.repeat(1000))).toBe(`the string "${'x'.repeat(40)}…"`);
  });
});

describe('excerpt', () => {
  it('keeps short text and cuts long text', () => {
    expect(excerpt('short')).toBe('short');
    expect(excerpt('y'.repeat(41))).toBe(`${'y'.repeat(40)}…`);
  });
});

describe('field errors', () => {
  it('say what was expected, where, and what was found', () => {
    const error = invalidField(['source', 'endpoint'], 'an absolute URL', 'nope');
    expect(error).toMatchObject({ code: 'invalid_field', pointer: '/source/endpoint' });
    expect(error.message).toBe('Expected an absolute URL at /source/endpoint, found the string "nope".');
  });

  it('say "nothing" for a missing value and "the top level" for the empty pointer', () => {
    expect(missingField([], 'a message').message).toBe('Expected a message at the top level, found nothing.');
  });

  it('keep the end of a long pointer in the message but the whole pointer in the error', () => {
    const error = missingField(['a'.repeat(500), 'b'], 'x');
    expect(error.pointer).toBe(`/${'a'.repeat(500)}/b`);
    expect(error.message).toBe(`Expected x at …${'a'.repeat(118)}/b, found nothing.`);
  });
});
