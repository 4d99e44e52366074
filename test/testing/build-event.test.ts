import { describe, expect, it } from 'vitest';
import { defineEvent, parseEvent } from '../../src/index.js';
import { buildEvent } from '../../src/testing/index.js';

const define = (code: string, focus?: { code: string; min: number; max?: string }[]) =>
  defineEvent({
    definition: {
      resourceType: 'MessageDefinition',
      eventCoding: { system: 'http://icanbwell.com/event-types', code },
      ...(focus === undefined ? {} : { focus }),
    },
  });

describe('buildEvent', () => {
  it('builds a delivery of a user-defined event that parses to it, in both shapes', () => {
    const event = define('user-merge-completed', [{ code: 'Person', min: 2, max: '2' }]);
    for (const shape of ['bundle', 'header'] as const) {
      const parsed = parseEvent(buildEvent(event, { shape, personId: '42' }), { events: [event] });
      expect(parsed.type).toBe('user-merge-completed');
      expect(parsed.type === 'user-merge-completed' && parsed.focus.map((f) => f.id)).toEqual(['42', '42-2']);
    }
  });

  it('focuses each required type as often as min says, carrying each resource in the Bundle', () => {
    const event = define('document-ready', [
      { code: 'DocumentReference', min: 1, max: '1' },
      { code: 'Person', min: 1, max: '1' },
      { code: 'Organization', min: 0, max: '1' },
    ]);
    const bundle = buildEvent(event);
    expect(bundle.entry?.map((entry) => entry.fullUrl)).toEqual([
      undefined,
      'https://icanbwell.com/fhir/DocumentReference/documentreference-1',
      'https://icanbwell.com/fhir/Person/789',
    ]);
    const parsed = parseEvent(bundle, { events: [event] });
    expect(parsed.type === 'document-ready' && parsed.focus.map((f) => [f.resourceType, f.resolvedBy])).toEqual([
      ['DocumentReference', 'id'],
      ['Person', 'id'],
    ]);
  });

  it('focuses one resource of the first type when every rule is optional, and one Person without rules', () => {
    const optional = define('x-optional', [{ code: 'Organization', min: 0, max: '1' }]);
    expect(parseEvent(buildEvent(optional), { events: [optional] })).toMatchObject({
      focus: [{ resourceType: 'Organization' }],
    });
    const free = define('x-free');
    expect(parseEvent(buildEvent(free), { events: [free] })).toMatchObject({ focus: [{ resourceType: 'Person' }] });
  });

  it('adds the extensions it is given under b.well namespace', () => {
    const event = define('x-ext');
    const header = buildEvent(event, { shape: 'header', extensions: { reason: { valueCode: 'duplicate' } } });
    expect(header.extension?.map((e) => e.url)).toEqual([
      'http://example.com/fhir/StructureDefinition/external-identifier',
      'http://example.com/fhir/StructureDefinition/reason',
    ]);
  });
});
