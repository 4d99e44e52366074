import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isFhirId } from '../../src/lib/fhir.js';

// The rule as FHIR R4 writes it (http://hl7.org/fhir/R4/datatypes.html#id): the loop must agree with it.
const RULE = /^[A-Za-z0-9\-.]{1,64}$/;

describe('isFhirId', () => {
  it.each(['a', '789', 'bundle-data-export', 'A.b-C.9', 'x'.repeat(64)])('accepts %s', (id) => {
    expect(isFhirId(id)).toBe(true);
  });

  it.each(['', 'x'.repeat(65), 'a b', 'a_b', 'a/b', 'é', '\r', '\u000e', '\u0010', '@', '`', '[', '{', 'a\n'])(
    'refuses %j',
    (id) => {
      expect(isFhirId(id)).toBe(false);
    },
  );

  test.prop([fc.string({ maxLength: 70, unit: 'binary' })], { numRuns: 2000 })(
    'agrees with the rule on any string',
    (text) => {
      expect(isFhirId(text)).toBe(RULE.test(text));
    },
  );

  // Mostly the rule's own characters, with the ones a shortcut could confuse with them (control characters
  // one bit away from '-', '.' and the digits), so that both answers come up often.
  const near = fc.string({
    maxLength: 66,
    unit: fc.constantFrom(...'aZ09-.', '_', ' ', '/', '\r', '\u000e', '\u0010'),
  });
  test.prop([near], { numRuns: 2000 })('agrees with the rule near it', (text) => {
    expect(isFhirId(text)).toBe(RULE.test(text));
  });
});
