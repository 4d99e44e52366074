// The walk builds its generic rules (extension, id, contained) and the Element rule of `_x` twins once, on
// first use, and keeps them for the life of the module. Every other suite shares one module, whose rules some
// earlier test built: here each test loads the parser afresh, so the rules it checks are the ones built for it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConformanceIssue } from '../../src/index.js';
import { type Json, published, variant } from './fixtures.js';
import { AT, issue, withEntry } from './walk-helpers.js';

let parseEvent: typeof import('../../src/index.js').parseEvent;

beforeEach(async () => {
  vi.resetModules();
  ({ parseEvent } = await import('../../src/index.js'));
});

const issuesOf = (document: Json): readonly ConformanceIssue[] => parseEvent(document).issues;
const refusalOf = (document: Json) => {
  try {
    parseEvent(document);
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('rules built on first use', () => {
  it('read the extensions of a generic resource as Extensions', () => {
    expect(issuesOf(withEntry({ resourceType: 'Basic', extension: [{ valueString: 'x' }] }))).toEqual([
      issue('cardinality', `${AT}/extension/0/url`, 'Extension.url (min 1)', 'nothing'),
    ]);
  });

  it('accept extension beside modifierExtension in a generic resource: two elements, not one choice', () => {
    const modifier = 'https://x.example/fhir/StructureDefinition/understood';
    const resource = {
      resourceType: 'Basic',
      extension: [{ url: 'https://x.example/e', valueString: 'x' }],
      modifierExtension: [{ url: modifier, valueBoolean: true }],
    };
    expect(parseEvent(withEntry(resource), { understoodModifiers: [modifier] }).issues).toEqual([]);
  });

  it('read the contained resources of a generic resource as an array of contained resources', () => {
    const resource = {
      resourceType: 'Organization',
      contained: [
        { resourceType: 'Endpoint', id: 'e' },
        { resourceType: 'Endpoint', id: 'unused' },
      ],
      endpoint: [{ reference: '#e' }],
    };
    expect(issuesOf(withEntry(resource))).toEqual([
      issue('dom-3', `${AT}/contained/1`, 'a contained resource referred to by its container', 'none refers'),
    ]);
  });

  it('read a Person contained in a generic resource against the Person table', () => {
    const resource = {
      resourceType: 'Organization',
      contained: [{ resourceType: 'Person', id: 'p', gender: 3 }],
      partOf: { reference: '#p' },
    };
    expect(refusalOf(withEntry(resource))).toMatchObject({
      code: 'invalid_field',
      pointer: `${AT}/contained/0/gender`,
    });
  });

  it('read the twin of a primitive as an Element', () => {
    const header = variant(published.userDeleteBare, (h) => (h.source._endpoint = { system: 'x' }));
    expect(issuesOf(header)).toEqual([
      issue('unknown-property', '/source/_endpoint/system', 'an element of Element', 'a property R4 does not define'),
    ]);
  });
});
