// Helpers for the walk-*.test.ts suites: the R4 document walk (src/parse/check-document.ts) seen through
// parseEvent, with one resource added to b.well's published user-delete Bundle, so that every issue and
// refusal comes from that resource alone.
import type { ConformanceIssue } from '../../src/events/types.js';
import type { WebhookError } from '../../src/index.js';
import { eventOf, type Json, published, refusalOf, variant } from './fixtures.js';

/** Where the added resource sits in the Bundle. */
export const AT = '/entry/2/resource';

/** b.well's user-delete Bundle with `resource` as a third entry. */
export function withEntry(resource: Json): Json {
  return variant(published.userDeleteBundle, (b) =>
    b.entry.push({ fullUrl: 'urn:uuid:5a1d3b2c-0e4f-4a6b-8c7d-9e0f1a2b3c4d', resource }),
  );
}

type Options = Parameters<typeof eventOf>[1];

/**
 * The issues of the Bundle carrying `resource`, both as the parsed value and as its JSON text (the walk
 * reads both, one checked to be a tree, the other for repeated names): they must agree.
 */
export function issuesWith(resource: Json, options?: Options): readonly ConformanceIssue[] {
  const document = withEntry(resource);
  const issues = eventOf(document, options).issues;
  if (JSON.stringify(eventOf(JSON.stringify(document), options).issues) !== JSON.stringify(issues)) {
    throw new Error('the parsed value and its text have different issues');
  }
  return issues;
}

/** The refusal of the Bundle carrying `resource`, given as the parsed value. */
export function refusalWith(resource: Json, options?: Options): WebhookError {
  return refusalOf(withEntry(resource), options);
}

/** An issue, as the walk words it: `Expected <expected> at <pointer>, found <found>.` */
export function issue(rule: string, pointer: string, expected: string, found: string): ConformanceIssue {
  return { rule, pointer, message: `Expected ${expected} at ${pointer}, found ${found}.` };
}
