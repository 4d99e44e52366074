// What the oracles' findings mean for parseEvent: the rules in scope of issue 11 (every one of them must be
// refused, a WebhookError, or reported, in `event.issues`), and how to tell whether parseEvent did either.
import { isWebhookError, type ParseOptions, safeParseEvent } from '../../src/index.js';
import { type Finding, ORACLE_CRASH, ORACLE_GAP } from './oracles.js';

/** Whether a finding must be refused or reported, the R4 text behind it, and why when it need not. */
export interface Rule {
  readonly inScope: boolean;
  readonly r4: string;
  readonly why?: string;
}

// Keyed by Finding.kind. A kind an oracle produces that is missing here fails the tests (see ruleOf): a new
// finding is looked at before it is counted, never ignored by default.
export const RULES: Readonly<Record<string, Rule>> = {
  type: { inScope: true, r4: 'json.html: each element has the JSON type of its datatype (issue 11 item 1)' },
  format: { inScope: true, r4: 'datatypes.html: the regex of each primitive type (item 6)' },
  required: {
    inScope: true,
    r4: 'element cardinality, min 1 (MessageHeader.source, .source.endpoint, Bundle.type, Extension.url: item 6)',
  },
  cardinality: {
    inScope: true,
    r4: 'element cardinality: a single value given as an array, or the reverse (item 1, item 6)',
  },
  'unknown-property': { inScope: true, r4: 'json.html: properties not in the definition (item 6)' },
  empty: { inScope: true, r4: 'json.html and ele-1: no empty strings, objects or arrays (item 6)' },
  null: {
    inScope: true,
    r4: 'json.html: null only in a repeating primitive array padded by its _x twin (item 5, item 6)',
  },
  choice: { inScope: true, r4: 'formats.html#choice: one value[x] per element (item 5, item 6)' },
  'primitive-twin': {
    inScope: true,
    r4: "json.html: a primitive's _x is an Element, its arrays aligned with the values (item 6)",
  },
  'resource-type': { inScope: true, r4: 'a resourceType R4 defines, also for second entries (item 6)' },
  'not-a-resource': { inScope: true, r4: 'a resource is a JSON object (refused: not_a_message)' },
  binding: {
    inScope: true,
    r4: 'terminologies.html: required bindings (Bundle.type, response.code, Person.gender...: item 6)',
  },
  'reference-target': {
    inScope: false,
    r4: 'ElementDefinition.type.targetProfile: the resource types a Reference may name',
    why: 'not among the rules of issue 11; the references an event relies on are resolved by item 2',
  },
  [ORACLE_GAP]: {
    inScope: false,
    r4: 'bundle.html 2.36.4.1: an absolute or urn:uuid reference resolves by fullUrl',
    why: 'a limit of Medplum 4.5, which reads the type from the text before the first "/"',
  },
  [ORACLE_CRASH]: {
    inScope: false,
    r4: 'none: Medplum stopped inside its own walk or could not evaluate an invariant',
    why: 'says nothing about a rule; the schema still reports the same document',
  },
  'bdl-1': { inScope: true, r4: 'bundle.html bdl-1: total only for searchset or history (item 6)' },
  'bdl-2': { inScope: true, r4: 'bundle.html bdl-2: entry.search only for a searchset (item 6)' },
  'bdl-3': { inScope: true, r4: 'bundle.html bdl-3: entry.request only for batch, transaction, history (item 6)' },
  'bdl-4': {
    inScope: true,
    r4: 'bundle.html bdl-4: entry.response only for batch-response, transaction-response, history (item 6)',
  },
  'bdl-5': { inScope: true, r4: 'bundle.html bdl-5: an entry has a resource, a request or a response (item 6)' },
  'bdl-7': { inScope: true, r4: 'bundle.html bdl-7: one fullUrl per versionId (item 2 refuses, item 6)' },
  'bdl-8': { inScope: true, r4: 'bundle.html bdl-8: fullUrl has no version (item 6)' },
  'bdl-12': { inScope: true, r4: 'bundle.html bdl-12: a message Bundle starts with a MessageHeader (item 6)' },
  'ele-1': { inScope: true, r4: 'element.html ele-1: every element has a value or children (item 6)' },
  'ext-1': { inScope: true, r4: 'extensibility.html ext-1: an extension has a value or extensions, not both (item 6)' },
  'dom-2': { inScope: true, r4: 'domainresource.html dom-2: a contained resource has no contained (item 6)' },
  'dom-3': { inScope: true, r4: 'domainresource.html dom-3: a contained resource is referenced (item 6)' },
  'dom-4': {
    inScope: true,
    r4: 'domainresource.html dom-4: a contained resource has no versionId or lastUpdated (item 6)',
  },
  'dom-5': {
    inScope: true,
    r4: 'domainresource.html dom-5: a contained resource has no security label (item 6, with dom-2 to dom-4)',
  },
  'ref-1': { inScope: true, r4: 'references.html ref-1: a local reference names a contained resource (item 6)' },
  other: { inScope: true, r4: 'a finding no row of this table names yet: look at it before counting it' },
};

/** The rule of a finding; an invariant of another resource (per-1, ...) is out of scope, being generic. */
export function ruleOf(finding: Finding): Rule {
  const rule = RULES[finding.kind];
  if (rule !== undefined) return rule;
  if (/^[a-z]+-\d+$/.test(finding.kind)) {
    return {
      inScope: false,
      r4: `the invariant ${finding.kind}`,
      why: 'an invariant of a datatype or resource issue 11 does not list: other resources are checked generically',
    };
  }
  return RULES.other as Rule;
}

/** The conformance issues of an event, by the interface agreed for issue 11 (empty before it lands). */
export interface ReportedIssue {
  readonly rule: string;
  readonly pointer: string;
}

export function issuesOf(event: unknown): readonly ReportedIssue[] {
  return (event as { issues?: readonly ReportedIssue[] }).issues ?? [];
}

/** Whether this build has `event.issues` at all: read from a parsed event, not assumed. */
export const issuesSupported: boolean = (() => {
  const result = safeParseEvent({
    resourceType: 'MessageHeader',
    eventCoding: { system: 'urn:oracle', code: 'probe' },
    source: { endpoint: 'https://example.org' },
  });
  return result.success && Array.isArray((result.event as { issues?: unknown }).issues);
})();

/** What parseEvent did with a document: refused it, or accepted it with these issues. */
export type Outcome = { readonly refused: string } | { readonly issues: readonly ReportedIssue[] };

export function outcomeOf(document: unknown, options?: ParseOptions): Outcome {
  const result = safeParseEvent(JSON.stringify(document), options);
  if (!result.success) {
    if (!isWebhookError(result.error)) throw result.error;
    return { refused: `${result.error.code} at ${result.error.pointer ?? '(no pointer)'}` };
  }
  return { issues: issuesOf(result.event) };
}

/**
 * Whether an outcome answers a finding: a refusal answers every finding (the message is not accepted); an
 * issue answers a finding at its pointer, above it (but not at the whole document) or below it, since an
 * issue at a parent names the same fault more coarsely; a finding with no pointer (a Bundle invariant, a walk
 * the oracle gave up on) is answered by any issue.
 */
export function answers(outcome: Outcome, finding: Finding): boolean {
  if ('refused' in outcome) return true;
  if (finding.pointer === '') return outcome.issues.length > 0;
  // A `*` token (an array Medplum crossed without an index) matches any token.
  const tokens = finding.pointer.split('/');
  const near = (pointer: string) => {
    const other = pointer.split('/');
    const shared = Math.min(tokens.length, other.length);
    for (let i = 1; i < shared; i++) if (tokens[i] !== '*' && tokens[i] !== other[i]) return false;
    return pointer !== '' || tokens.length === 1;
  };
  return outcome.issues.some(({ pointer }) => near(pointer));
}
