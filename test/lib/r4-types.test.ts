import { describe, expect, it } from 'vitest';
import { isBase64Binary, isR4Number, primitiveRule, typeRule } from '../../src/lib/r4-types.js';

describe('the R4 table readers', () => {
  it('know no type or primitive outside the tables, nor one named by an Object.prototype key', () => {
    for (const name of ['Patient', 'constructor', '__proto__', 'toString']) {
      expect(typeRule(name)).toBeUndefined();
      expect(primitiveRule(name)).toBeUndefined();
    }
    expect(typeRule('Coding')?.keys.constructor).toBeUndefined();
  });

  it.each<[string, number, boolean]>([
    ['integer', 2147483647, true],
    ['integer', -2147483648, true],
    ['integer', -2147483649, false],
    ['integer', 2147483648, false],
    ['positiveInt', 1, true],
    ['positiveInt', 0, false],
    ['unsignedInt', 0, true],
    ['unsignedInt', -1, false],
    ['decimal', -0.5, true],
    ['decimal', Number.POSITIVE_INFINITY, false],
  ])('reads the %s %d as %s', (type, value, valid) => {
    expect(isR4Number(type, value)).toBe(valid);
  });

  it.each<[string, boolean]>([
    ['QUJD', true],
    ['QU\u00a0JD', false],
    ['QUJD\u00a0QUJD', true],
    ['QUJD QQ==', true],
    ['QUJ', false],
    ['QUJ!', false],
    ['', false],
    ['  ', false],
  ])('reads %j as base64Binary: %s, as the R4 regex does', (text, valid) => {
    expect(isBase64Binary(text)).toBe(valid);
    expect(/^(?:(\s*([0-9a-zA-Z+/=]){4}\s*)+)$/.test(text)).toBe(valid);
  });
});
