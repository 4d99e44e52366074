// The proof that JSON.parse dropped no member to a repeated name: the text's count (textMembers) against what
// the document walk counts of the parsed value (checkDocument), both by the rule isCompactText picks, as
// readMessage does. Equal counts must prove there is no repeat; a repeat must always make them differ. Each text
// is held in a Basic resource, which the walk checks generically, so that any JSON value can be counted.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { WebhookError } from '../../src/errors.js';
import { findDuplicateKey, isCompactText, textMembers } from '../../src/lib/json-syntax.js';
import { checkDocument } from '../../src/parse/check-document.js';
import { compactJson, compactObjectWithRepeat, type Json, objectWithRepeat } from '../lib/json-texts.js';

/** Whether the counts differ ("look" with the full scan) for a text held in a resource; `refused` if the walk threw. */
function mayRepeat(text: string): boolean | 'refused' {
  const held = `{"resourceType":"Basic","held":${text}}`;
  const compact = isCompactText(held);
  try {
    const members = checkDocument(JSON.parse(held), compact ? 'compact' : 'text', conformance());
    return textMembers(held, compact) !== members;
  } catch (error) {
    if (error instanceof WebhookError) return 'refused';
    throw error;
  }
}

const conformance = () => ({ issues: [], understoodModifiers: [] });

// FHIR JSON has no null (the walk refuses one), so the generated values hold none.
const noNull = (value: Json): Json => {
  if (value === null) return 0;
  if (Array.isArray(value)) return value.map(noNull);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, noNull(v)]));
  return value;
};

describe('the duplicate-name count', () => {
  it.each([
    ['a repeated name', '{"a":1,"a":2}'],
    ['a repeated name deep down', '{"x":[{"y":{"b":"c:d","b":"e"}}]}'],
    [
      'a repeat whose lost colon a \\u003a elsewhere would hide, were escapes not counted',
      '{"a":1,"a":2,"x":"\\u003a"}',
    ],
    ['a repeat beside a \\u003A spelled with a capital', '{"a":"x","a":1,"b":"\\u003A"}'],
    ['a repeated __proto__', '{"__proto__":{"a":"b:c"},"__proto__":{"b":1}}'],
    ['a repeat in an array of strings', '{"a":["x:y"],"a":["x:y"]}'],
    ['a repeated name with a colon', '{"a:b":1,"a:b":1}'],
    ['a repeated name that starts with a colon, in a compact text', '{":a":1,":a":":"}'],
    ['a repeat whose lost value starts with a colon, in a compact text', '{"a":":b","a":1}'],
    ['a repeat in a pretty text, whose colons follow spaces', '{ "a" : 1 , "a" : 2 }'],
  ])('says "look" for %s', (_, text) => {
    expect(mayRepeat(text)).toBe(true);
  });

  it.each([
    ['colons in values and keys', '{"url:x":"https://a:8080/b","n":[1,"c:d:e"]}'],
    ['an escaped colon', '{"a\\u003ab":"\\u003A"}'],
    ['a string alone', '"a:b"'],
    ['a __proto__ key, which JSON.parse makes an own property', '{"__proto__":{"a":"b:c"},"x":1}'],
    ['a number alone', '42'],
    ['keys and strings that start with a colon, in a compact text', '{":":":",":a":[":b","::"],"a":"b:"}'],
    ['an empty key and an empty string, in a compact text', '{"":"","a":[""]}'],
    ['a pretty text', '{\n  "a": "b: c",\n  "d": [":e"]\n}'],
  ])('proves there is no repeat with %s', (_, text) => {
    expect(mayRepeat(text)).toBe(false);
  });

  it('counts the typed resources too: a b.well message Bundle with colons in its URLs', () => {
    const text = JSON.stringify({
      resourceType: 'Bundle',
      type: 'message',
      entry: [{ fullUrl: 'urn:uuid:1', resource: { resourceType: 'Person', id: 'p', identifier: [{ value: 'a:b' }] } }],
    });
    expect(isCompactText(text)).toBe(true);
    for (const compact of [true, false]) {
      const members = checkDocument(JSON.parse(text), compact ? 'compact' : 'text', conformance());
      expect(members).toBe(textMembers(text, compact));
      expect(textMembers(text.replace('"type"', '"type":"x","type"'), compact)).toBe(members + 1);
    }
  });

  it('says "look" for an escaped backslash before u003a: a false alarm, which the full scan settles', () => {
    const text = '{"a":"\\\\u003a"}';
    expect(mayRepeat(text)).toBe(true);
    expect(findDuplicateKey(text)).toBeUndefined();
  });

  it('counts own members only while Object.prototype has an enumerable property, which for...in also visits', () => {
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.pollutedKey = 'x:y';
    try {
      expect(mayRepeat('{"a":1}')).toBe(false);
      expect(mayRepeat('{"a":1,"a":1}')).toBe(true);
    } finally {
      delete polluted.pollutedKey;
    }
  });

  test.prop([fc.jsonValue().map((value) => noNull(value as Json)), fc.constantFrom(0, 2)])(
    'proves there is no repeat in JSON.stringify output',
    (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      // The one false alarm: a string that holds the six characters \u003a (JSON.stringify writes them as \\u003a).
      fc.pre(!/\\u003a/i.test(text));
      const found = mayRepeat(text);
      fc.pre(found !== 'refused'); // a key the walk reads for itself (implicitRules, modifierExtension...)
      expect(found).toBe(false);
    },
  );

  test.prop([objectWithRepeat])('never misses a repeated name (the walk may refuse the text first)', ({ text }) => {
    expect([true, 'refused']).toContain(mayRepeat(text));
  });

  test.prop([compactJson])('proves there is no repeat in a compact text full of colons', (value) => {
    const text = JSON.stringify(value);
    expect(isCompactText(text)).toBe(true);
    expect(mayRepeat(text)).toBe(false);
  });

  test.prop([compactObjectWithRepeat])('never misses a repeated name in a compact text', ({ text }) => {
    expect(isCompactText(text)).toBe(true);
    expect(mayRepeat(text)).toBe(true);
  });
});
