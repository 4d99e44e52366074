// bdl-1 to bdl-5, bdl-7 and bdl-8 for every Bundle type, on checkBundle itself: a message Bundle only ever
// shows the message side of each rule.
import { describe, expect, it } from 'vitest';
import type { ConformanceIssue } from '../../src/index.js';
import { checkBundle } from '../../src/parse/check-bundle.js';

const rulesOf = (bundle: Record<string, unknown>) => {
  const issues: ConformanceIssue[] = [];
  checkBundle(bundle, issues);
  return issues.map((issue) => `${issue.rule} ${issue.pointer}`);
};
const person = { resourceType: 'Person', id: '1' };

describe('checkBundle', () => {
  it.each(['batch', 'transaction', 'history'])('asks every entry of a %s for a request (bdl-3)', (type) => {
    const issues = rulesOf({
      type,
      entry: [{ resource: person, ...(type === 'history' ? { response: { status: '200' } } : {}) }],
    });
    expect(issues).toContain('bdl-3 /entry/0');
  });

  it.each(['batch-response', 'transaction-response'])('asks every entry of a %s for a response (bdl-4)', (type) => {
    expect(rulesOf({ type, entry: [{ resource: person }] })).toEqual(['bdl-4 /entry/0']);
  });

  it('lets a searchset have a total and entry.search (bdl-1, bdl-2), and a history repeat a fullUrl (bdl-7)', () => {
    const entry = { fullUrl: 'https://x.example/Person/1', resource: person, search: { mode: 'match' } };
    expect(rulesOf({ type: 'searchset', total: 1, entry: [entry] })).toEqual([]);
    const version = {
      fullUrl: 'https://x.example/Person/1',
      resource: person,
      request: { method: 'PUT', url: 'Person/1' },
      response: { status: '200' },
    };
    expect(rulesOf({ type: 'history', total: 2, entry: [version, version] })).toEqual([]);
  });

  it('tells two versions of one fullUrl apart by meta.versionId (bdl-7)', () => {
    const at = (versionId: string) => ({ fullUrl: 'urn:uuid:1', resource: { ...person, meta: { versionId } } });
    expect(rulesOf({ type: 'collection', entry: [at('1'), at('2')] })).toEqual([]);
    expect(rulesOf({ type: 'collection', entry: [at('1'), at('2'), at('1')] })).toEqual(['bdl-7 /entry/2/fullUrl']);
  });

  it('skips entries that are not objects and a Bundle without entries', () => {
    expect(rulesOf({ type: 'message', entry: ['x', 1] })).toEqual([]);
    expect(rulesOf({ type: 'message' })).toEqual([]);
  });
});
