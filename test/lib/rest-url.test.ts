// parseRestUrl: R4's RESTful URL regex (references.html), anchored, with any capitalised type name.
import { describe, expect, it } from 'vitest';
import { parseRestUrl } from '../../src/lib/fhir.js';

describe('parseRestUrl', () => {
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
