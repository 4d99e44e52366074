// The invariants R4 sets on a Bundle (bundle.html, "Constraints"), for the message Bundle received. Each is
// reported, never refused: none changes who or what the message is about (the entries a message is about
// are found by reference, item 2 of issue 11, which refuses its own ambiguities). bdl-12, a message whose
// first entry is not its MessageHeader, is refused by readMessage: there is no event to read without it.
// bdl-9 to bdl-11 apply to documents only; R4 has no bdl-6. Internal to parse.

import type { ConformanceIssue } from '../events/types.js';
import { excerpt } from '../lib/excerpt.js';
import { where } from '../lib/fail.js';
import { isJsonObject, type JsonObject } from '../lib/fhir.js';
import { type Path, toPointer } from '../lib/pointer.js';

/** Pushes an issue for each of bdl-1 to bdl-5, bdl-7 and bdl-8 that `bundle` breaks. */
export function checkBundle(bundle: JsonObject, issues: ConformanceIssue[]): void {
  const { type, entry } = bundle;
  const report = (rule: string, path: Path, expected: string, found: string) => {
    const pointer = toPointer(path);
    issues.push({ rule, pointer, message: `Expected ${expected} at ${where(pointer)}, found ${found}.` });
  };
  // Words for a message, made only when one is.
  const kind = () => `a ${typeof type === 'string' ? excerpt(type) : 'Bundle'}`;
  if (bundle.total !== undefined && type !== 'searchset' && type !== 'history') {
    report('bdl-1', ['total'], 'a total only in a searchset or history', `one in ${kind()}`);
  }
  if (!Array.isArray(entry)) return;
  const needsRequest = type === 'batch' || type === 'transaction' || type === 'history';
  const needsResponse = type === 'batch-response' || type === 'transaction-response' || type === 'history';
  // bdl-7: fullUrl and meta.versionId together are unique, except in a history. The set is made only once a
  // second fullUrl comes: most messages carry one.
  let first: string | undefined;
  let seen: Set<string> | undefined;
  for (let i = 0; i < entry.length; i++) {
    const item: unknown = entry[i];
    if (!isJsonObject(item)) continue;
    const { fullUrl, resource, request, response, search } = item;
    if (search !== undefined && type !== 'searchset') {
      report('bdl-2', ['entry', i, 'search'], 'entry.search only in a searchset', `one in ${kind()}`);
    }
    if ((request !== undefined) !== needsRequest) {
      const [expected, found] = needsRequest ? ['an entry.request', 'none'] : ['no entry.request', `one in ${kind()}`];
      report('bdl-3', ['entry', i, ...(needsRequest ? [] : ['request'])], expected, found);
    }
    if ((response !== undefined) !== needsResponse) {
      const [expected, found] = needsResponse
        ? ['an entry.response', 'none']
        : ['no entry.response', `one in ${kind()}`];
      report('bdl-4', ['entry', i, ...(needsResponse ? [] : ['response'])], expected, found);
    }
    if (resource === undefined && request === undefined && response === undefined) {
      report('bdl-5', ['entry', i], 'a resource, a request or a response in the entry', 'none');
    }
    if (typeof fullUrl !== 'string') continue;
    if (fullUrl.includes('/_history/')) {
      report('bdl-8', ['entry', i, 'fullUrl'], 'a fullUrl that is not version-specific', 'one with /_history/');
    }
    if (type === 'history') continue;
    const meta = isJsonObject(resource) && isJsonObject(resource.meta) ? resource.meta : undefined;
    const key = typeof meta?.versionId === 'string' ? `${fullUrl} ${meta.versionId}` : fullUrl;
    if (first === undefined) {
      first = key;
      continue;
    }
    seen ??= new Set([first]);
    if (seen.has(key)) {
      report('bdl-7', ['entry', i, 'fullUrl'], 'a fullUrl (and versionId) no other entry has', 'a repeated one');
    }
    seen.add(key);
  }
}
