// parseRestUrl reads `Type/id` with loops and everything else with R4's RESTful URL regex: both must take
// apart exactly what the regex alone takes apart (references.html), the same way.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseRestUrl } from '../../src/lib/fhir.js';

// The regex of references.html (with any capitalised type name), the oracle.
const REST_URL =
  /^((?:https?):\/\/(?:[A-Za-z0-9\-\\.:%$]*\/)+)?([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;
const byRegex = (text: string) => {
  const match = REST_URL.exec(text);
  return match === null ? undefined : { base: match[1] ?? '', type: match[2], id: match[3], version: match[4] };
};

// Texts near the boundaries of both parts: short and long runs of the characters each rule allows and a few it
// does not, around one or more slashes.
const part = fc.oneof(
  fc.stringMatching(/^[A-Z][A-Za-z]{0,70}$/),
  fc.stringMatching(/^[A-Za-z0-9.-]{0,70}$/),
  fc.stringMatching(/^[A-Za-z0-9._:é -]{0,6}$/),
  fc.constantFrom('Person', '789', '_history', 'https:', 'http:', '', 'a'.repeat(64), 'A'.repeat(65)),
);
const text = fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));

describe('parseRestUrl', () => {
  test.prop([text], { numRuns: 2000 })('takes apart what the regex does, the way it does', (candidate) => {
    expect(parseRestUrl(candidate)).toEqual(byRegex(candidate));
  });

  it.each([
    ['Person/789', { base: '', type: 'Person', id: '789', version: undefined }],
    ['Pe/a', { base: '', type: 'Pe', id: 'a', version: undefined }],
    [`${'P'.repeat(64)}/${'1'.repeat(64)}`, { base: '', type: 'P'.repeat(64), id: '1'.repeat(64), version: undefined }],
    [
      'https://x.example/fhir/Person/789/_history/2',
      { base: 'https://x.example/fhir/', type: 'Person', id: '789', version: '2' },
    ],
  ])('takes apart %s', (reference, parts) => {
    expect(parseRestUrl(reference)).toEqual(parts);
  });

  it.each([
    'Person',
    'P/789',
    'person/789',
    'Pers0n/789',
    `${'P'.repeat(65)}/1`,
    `Person/${'1'.repeat(65)}`,
    'Person/',
    '/789',
    'Person/78_9',
    'Person/789/',
    'urn:uuid:1/2',
  ])('takes %s for no RESTful reference', (reference) => {
    expect(parseRestUrl(reference)).toBeUndefined();
  });

  it('takes a value that is not a string for none', () => {
    expect(parseRestUrl(42)).toBeUndefined();
  });
});
