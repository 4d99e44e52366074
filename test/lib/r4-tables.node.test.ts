// The R4 element tables are generated from HL7's definitions, never edited by hand: regenerating them must
// give the committed file byte for byte. Node only: the definitions are read from node_modules.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without types.
import { generateR4Tables } from '../../scripts/generate-r4-tables.mjs';
import { R4_ELEMENTS, R4_PRIMITIVES, R4_RESOURCE_TYPES } from '../../src/lib/r4-elements.generated.js';

describe('the generated R4 tables', () => {
  it('are what scripts/generate-r4-tables.mjs writes today (run `npm run generate` after changing it)', () => {
    const committed = readFileSync(new URL('../../src/lib/r4-elements.generated.ts', import.meta.url), 'utf8');
    expect(generateR4Tables()).toBe(committed);
  });

  it('hold what R4 says of the elements an event exposes', () => {
    expect(R4_ELEMENTS.MessageHeader).toContain('event[x]!:Coding/uri');
    expect(R4_ELEMENTS.MessageHeader).toContain('focus*:Reference');
    expect(R4_ELEMENTS['MessageHeader.response']).toContain('code!:code=ok transient-error fatal-error');
    expect(R4_ELEMENTS['Bundle.entry']).toContain('fullUrl:uri');
    expect(R4_ELEMENTS.Person).toContain('gender:code=male female other unknown');
    expect(R4_PRIMITIVES.id).toBe('s[A-Za-z0-9\\-\\.]{1,64}');
    expect(R4_PRIMITIVES.boolean).toBe('b');
    expect(R4_PRIMITIVES.positiveInt).toBe('n');
    expect(R4_RESOURCE_TYPES.split(' ')).toContain('OperationOutcome');
    expect(R4_RESOURCE_TYPES.split(' ')).toHaveLength(146);
  });
});
