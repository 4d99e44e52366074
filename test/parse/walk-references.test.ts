// ref-1 (a `#id` reference names a contained resource of its resource), dom-3 (a contained resource is referred
// to from elsewhere in its resource, or refers to its container with `#`) and the other rules of contained
// resources (dom-2, dom-4, dom-5), each reported once, in the resource whose scope it belongs to.
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/index.js';
import { type Json, published, variant } from './fixtures.js';
import { AT, issue, issuesWith } from './walk-helpers.js';

const ORGANIZATION = { resourceType: 'Organization', id: 'o' };
const REF_1 = 'a contained resource with that id';
const DOM_3 = 'a contained resource referred to by its container';

describe('ref-1: a local reference names a contained resource', () => {
  it('reports a #id that names nothing, in a resource that contains nothing', () => {
    expect(issuesWith({ resourceType: 'Basic', subject: { reference: '#nobody' } })).toEqual([
      issue('ref-1', `${AT}/subject/reference`, REF_1, 'the string "#nobody"'),
    ]);
  });

  it('reports each of two #ids that name nothing once, in a resource that contains nothing', () => {
    const resource = { resourceType: 'Basic', subject: { reference: '#a' }, author: { reference: '#b' } };
    expect(issuesWith(resource)).toEqual([
      issue('ref-1', `${AT}/subject/reference`, REF_1, 'the string "#a"'),
      issue('ref-1', `${AT}/author/reference`, REF_1, 'the string "#b"'),
    ]);
  });

  it('reports a #id that names none of the contained resources, once, beside one that does', () => {
    const resource = {
      resourceType: 'Basic',
      contained: [ORGANIZATION],
      subject: { reference: '#o' },
      author: { reference: '#nobody' },
    };
    expect(issuesWith(resource)).toEqual([issue('ref-1', `${AT}/author/reference`, REF_1, 'the string "#nobody"')]);
  });

  it('takes `#` alone as the container itself: no issue, even outside any contained resource', () => {
    expect(issuesWith({ resourceType: 'Basic', subject: { reference: '#' } })).toEqual([]);
  });

  it('reads no reference that is not local', () => {
    const resource = {
      resourceType: 'Basic',
      contained: [ORGANIZATION],
      subject: { reference: 'Organization/o' },
      author: { reference: '#o' },
    };
    expect(issuesWith(resource)).toEqual([]);
  });

  it('is checked in each resource of a Bundle apart: a #id names a resource contained in the same one only', () => {
    const bundle = variant(published.userDeleteBundle, (b: Json) => {
      b.entry.push(
        {
          fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001',
          resource: { resourceType: 'Basic', author: { reference: '#o' } },
        },
        {
          fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000002',
          resource: { resourceType: 'Basic', contained: [ORGANIZATION] },
        },
      );
    });
    expect(parseEvent(bundle).issues).toEqual([
      issue('ref-1', '/entry/2/resource/author/reference', REF_1, 'the string "#o"'),
      issue('dom-3', '/entry/3/resource/contained/0', DOM_3, 'none refers'),
    ]);
  });

  it("lists the resources' issues in the order of the resources, though a later one's reference is found first", () => {
    // The walk is breadth first: entry 3's shallow reference is met before entry 2's deep one.
    const bundle = variant(published.userDeleteBundle, (b: Json) => {
      const deep = [{ url: 'https://example.org/deep', valueReference: { reference: '#a' } }];
      b.entry.push(
        {
          fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000001',
          resource: { resourceType: 'Basic', extension: deep },
        },
        {
          fullUrl: 'urn:uuid:00000000-0000-4000-8000-000000000002',
          resource: { resourceType: 'Basic', author: { reference: '#b' } },
        },
      );
    });
    expect(parseEvent(bundle).issues).toEqual([
      issue('ref-1', '/entry/2/resource/extension/0/valueReference/reference', REF_1, 'the string "#a"'),
      issue('ref-1', '/entry/3/resource/author/reference', REF_1, 'the string "#b"'),
    ]);
  });
});

describe('dom-3: a contained resource is referred to', () => {
  it('reports one nothing refers to, and only that one', () => {
    const resource = {
      resourceType: 'Basic',
      contained: [ORGANIZATION, { resourceType: 'Organization', id: 'unused' }],
      author: { reference: '#o' },
    };
    expect(issuesWith(resource)).toEqual([issue('dom-3', `${AT}/contained/1`, DOM_3, 'none refers')]);
  });

  it('is satisfied by a reference from another contained resource of the same container', () => {
    // R4: "referred to from elsewhere in the resource". The referring one is itself referred to by nothing.
    const resource = {
      resourceType: 'Basic',
      contained: [
        { resourceType: 'Organization', id: 'parent' },
        { resourceType: 'Organization', id: 'child', partOf: { reference: '#parent' } },
      ],
    };
    expect(issuesWith(resource)).toEqual([issue('dom-3', `${AT}/contained/1`, DOM_3, 'none refers')]);
  });

  it('is satisfied by a contained resource that refers to its container with `#`, from inside itself', () => {
    const resource = {
      resourceType: 'Basic',
      contained: [{ resourceType: 'Organization', id: 'o', endpoint: [{ reference: '#' }] }],
    };
    expect(issuesWith(resource)).toEqual([]);
  });

  it('reports a contained resource without an id when nothing refers to it, and no #id can', () => {
    expect(issuesWith({ resourceType: 'Basic', contained: [{ resourceType: 'Organization', name: 'x' }] })).toEqual([
      issue('dom-3', `${AT}/contained/0`, DOM_3, 'none refers'),
    ]);
  });

  it('does not take "#undefined" for a reference to a contained resource without an id', () => {
    const resource = {
      resourceType: 'Basic',
      contained: [{ resourceType: 'Organization', name: 'x' }],
      author: { reference: '#undefined' },
    };
    expect(issuesWith(resource)).toEqual([
      issue('ref-1', `${AT}/author/reference`, REF_1, 'the string "#undefined"'),
      issue('dom-3', `${AT}/contained/0`, DOM_3, 'none refers'),
    ]);
  });
});

describe('what a contained resource may not carry', () => {
  const contained = (extra: object) => ({
    resourceType: 'Basic',
    contained: [{ ...ORGANIZATION, ...extra }],
    author: { reference: '#o' },
  });

  it('reports a security label (dom-5), with its message', () => {
    expect(issuesWith(contained({ meta: { security: [{ code: 'R' }] } }))).toEqual([
      issue('dom-5', `${AT}/contained/0/meta/security`, 'no security label in a contained resource', 'one'),
    ]);
  });

  it('reports a versionId and a lastUpdated (dom-4), with their values', () => {
    expect(issuesWith(contained({ meta: { versionId: '2', lastUpdated: '2026-12-01T08:30:00Z' } }))).toEqual([
      issue('dom-4', `${AT}/contained/0/meta/versionId`, 'no meta.versionId in a contained resource', 'the string "2"'),
      issue(
        'dom-4',
        `${AT}/contained/0/meta/lastUpdated`,
        'no meta.lastUpdated in a contained resource',
        'the string "2026-12-01T08:30:00Z"',
      ),
    ]);
  });

  it('accepts other meta: a source, a profile, tags', () => {
    const meta = { source: 'https://x.example/src', profile: ['https://x.example/p'], tag: [{ code: 't' }] };
    expect(issuesWith(contained({ meta }))).toEqual([]);
  });

  it('reports resources contained in a contained resource (dom-2)', () => {
    const resource = contained({ contained: [{ resourceType: 'Organization', id: 'inner' }] });
    expect(issuesWith(resource)).toContainEqual(
      issue('dom-2', `${AT}/contained/0/contained`, 'no resources inside a contained resource', 'contained resources'),
    );
  });
});
