// checkBundle's issues word for word: what each rule expected, where, and what it found, for every Bundle
// type a message could claim; and the entries that hold a request or a response alone.
import { describe, expect, it } from 'vitest';
import type { ConformanceIssue } from '../../src/index.js';
import { checkBundle } from '../../src/parse/check-bundle.js';

const issuesOf = (bundle: Record<string, unknown>): ConformanceIssue[] => {
  const issues: ConformanceIssue[] = [];
  checkBundle(bundle, issues);
  return issues;
};
const person = { resourceType: 'Person', id: '1' };

describe('checkBundle messages', () => {
  it('names the Bundle type in what it found, or "a Bundle" when the type is not a string', () => {
    expect(issuesOf({ type: 'message', total: 1 })).toEqual([
      {
        rule: 'bdl-1',
        pointer: '/total',
        message: 'Expected a total only in a searchset or history at /total, found one in a message.',
      },
    ]);
    expect(issuesOf({ total: 1 })).toEqual([
      {
        rule: 'bdl-1',
        pointer: '/total',
        message: 'Expected a total only in a searchset or history at /total, found one in a Bundle.',
      },
    ]);
    expect(issuesOf({ type: 7, total: 1 })[0]?.message).toBe(
      'Expected a total only in a searchset or history at /total, found one in a Bundle.',
    );
    const long = 'x'.repeat(50);
    expect(issuesOf({ type: long, total: 1 })[0]?.message).toBe(
      `Expected a total only in a searchset or history at /total, found one in a ${'x'.repeat(40)}….`,
    );
  });

  it('says an entry.search is out of place outside a searchset (bdl-2)', () => {
    expect(issuesOf({ type: 'message', entry: [{ resource: person, search: { mode: 'match' } }] })).toEqual([
      {
        rule: 'bdl-2',
        pointer: '/entry/0/search',
        message: 'Expected entry.search only in a searchset at /entry/0/search, found one in a message.',
      },
    ]);
  });

  it('asks a batch entry for its request, at the entry (bdl-3)', () => {
    expect(issuesOf({ type: 'batch', entry: [{ resource: person }] })).toEqual([
      { rule: 'bdl-3', pointer: '/entry/0', message: 'Expected an entry.request at /entry/0, found none.' },
    ]);
  });

  it('refuses a request in a message entry, at the request (bdl-3)', () => {
    const request = { method: 'GET', url: 'Person/1' };
    expect(issuesOf({ type: 'message', entry: [{ resource: person }, { resource: person, request }] })).toEqual([
      {
        rule: 'bdl-3',
        pointer: '/entry/1/request',
        message: 'Expected no entry.request at /entry/1/request, found one in a message.',
      },
    ]);
  });

  it('asks a batch-response entry for its response, at the entry (bdl-4)', () => {
    expect(issuesOf({ type: 'batch-response', entry: [{ resource: person }] })).toEqual([
      { rule: 'bdl-4', pointer: '/entry/0', message: 'Expected an entry.response at /entry/0, found none.' },
    ]);
  });

  it('refuses a response in a message entry, at the response (bdl-4)', () => {
    expect(issuesOf({ type: 'message', entry: [{ resource: person, response: { status: '200' } }] })).toEqual([
      {
        rule: 'bdl-4',
        pointer: '/entry/0/response',
        message: 'Expected no entry.response at /entry/0/response, found one in a message.',
      },
    ]);
  });

  it('takes an entry that holds only a request, or only a response (bdl-5)', () => {
    expect(issuesOf({ type: 'batch', entry: [{ request: { method: 'DELETE', url: 'Person/1' } }] })).toEqual([]);
    expect(issuesOf({ type: 'batch-response', entry: [{ response: { status: '204' } }] })).toEqual([]);
  });

  it('says an entry needs a resource, a request or a response (bdl-5)', () => {
    expect(issuesOf({ type: 'message', entry: [{ resource: person }, { fullUrl: 'urn:uuid:1' }] })).toEqual([
      {
        rule: 'bdl-5',
        pointer: '/entry/1',
        message: 'Expected a resource, a request or a response in the entry at /entry/1, found none.',
      },
    ]);
  });

  it('words bdl-7 and bdl-8', () => {
    const url = 'https://x.example/Person/1';
    expect(
      issuesOf({
        type: 'message',
        entry: [
          { fullUrl: url, resource: person },
          { fullUrl: `${url}/_history/2`, resource: person },
          { fullUrl: url, resource: person },
        ],
      }),
    ).toEqual([
      {
        rule: 'bdl-8',
        pointer: '/entry/1/fullUrl',
        message: 'Expected a fullUrl that is not version-specific at /entry/1/fullUrl, found one with /_history/.',
      },
      {
        rule: 'bdl-7',
        pointer: '/entry/2/fullUrl',
        message: 'Expected a fullUrl (and versionId) no other entry has at /entry/2/fullUrl, found a repeated one.',
      },
    ]);
  });

  it('tells the first two entries apart, and finds a repeat of the first one after others', () => {
    const at = (n: number) => ({ fullUrl: `urn:uuid:${n}`, resource: person });
    expect(issuesOf({ type: 'message', entry: [at(1), at(2), at(3)] })).toEqual([]);
    expect(issuesOf({ type: 'message', entry: [at(1), at(1)] }).map((i) => i.pointer)).toEqual(['/entry/1/fullUrl']);
    expect(issuesOf({ type: 'message', entry: [at(1), at(2), at(1)] }).map((i) => i.pointer)).toEqual([
      '/entry/2/fullUrl',
    ]);
  });
});
