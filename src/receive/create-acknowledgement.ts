/**
 * The FHIR answer to a delivery: the message Bundle b.well's Client Webhook API shows as the 200 response.
 *
 * @module
 */
import type { Bundle, BundleEntry, MessageHeader, OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';
import type { WebhookErrorCode } from '../errors.js';
import type { ConformanceIssue } from '../events/types.js';
import { type AcknowledgementCode, RECEIVE_RESPONSES } from './responses.js';

/** The system of the `OperationOutcome` codings that carry a {@link WebhookErrorCode}. */
const ERROR_CODE_SYSTEM = 'urn:bwell-webhooks:error-code';
/** The system of the `OperationOutcome` codings that carry a {@link ConformanceIssue.rule}. */
const RULE_SYSTEM = 'urn:bwell-webhooks:conformance-rule';
/** The most issues an acknowledgement lists: a signed but careless message must not make the answer huge. */
const MAX_WARNINGS = 20;

/**
 * What {@link createAcknowledgement} needs.
 *
 * @example
 * ```ts
 * import type { AcknowledgementOptions } from 'bwell-webhooks';
 *
 * const options: AcknowledgementOptions = { identifier: 'bundle-user-delete', source: 'https://client.example' };
 * ```
 */
export interface AcknowledgementOptions {
  /** The id of the message answered: the delivered `Bundle.id` or `MessageHeader.id`, else its `webhook-id`. */
  readonly identifier: string;
  /** The receiver's endpoint (`source.endpoint`): where the delivery was posted. */
  readonly source: string;
  /** The sender's endpoint (`destination[0].endpoint`), usually the delivered `MessageHeader.source.endpoint`. */
  readonly destination?: string | undefined;
  /** `ok` (the default), `transient-error` (retry later) or `fatal-error` (do not retry). */
  readonly code?: AcknowledgementCode;
  /** Why the delivery was refused: sent as the only detail, in an `OperationOutcome` the header points to. */
  readonly error?: WebhookErrorCode | undefined;
  /**
   * The R4 rules the delivered message broke without being refused ({@link WebhookEventBase.issues}): sent
   * back as warnings (at most 20) in the `OperationOutcome` the header points to.
   */
  readonly issues?: readonly ConformanceIssue[] | undefined;
  /** The acknowledgement Bundle's own id; a random UUID by default. */
  readonly id?: string;
  /** When the acknowledgement was made (`Bundle.timestamp`); omitted by default. */
  readonly timestamp?: Date;
}

/**
 * Builds the FHIR acknowledgement of a delivery: a message Bundle whose MessageHeader has
 * `eventCoding.code: "webhook-payload-received"` and `response: { identifier, code }`, plus an
 * `OperationOutcome` carrying the error code when the delivery was refused, and the message's issues as warnings.
 *
 * @param options - Which message is answered, by whom, to whom, and how.
 * @returns The acknowledgement, ready for `JSON.stringify` with `Content-Type: application/fhir+json`.
 *
 * @example
 * ```ts
 * import { createAcknowledgement } from 'bwell-webhooks';
 *
 * const bundle = createAcknowledgement({
 *   identifier: 'bundle-user-delete',
 *   source: 'https://client.system.com',
 *   destination: 'https://icanbwell.com',
 * });
 * const response = new Response(JSON.stringify(bundle), { headers: { 'content-type': 'application/fhir+json' } });
 * ```
 */
export function createAcknowledgement(options: AcknowledgementOptions): Bundle {
  const { identifier, source, destination, error, issues = [] } = options;
  const code = options.code ?? (error === undefined ? 'ok' : RECEIVE_RESPONSES[error].code);
  const header: MessageHeader = {
    resourceType: 'MessageHeader',
    eventCoding: { system: 'http://icanbwell.com/event-types', code: 'webhook-payload-received' },
    source: { endpoint: source },
    ...(destination === undefined ? {} : { destination: [{ endpoint: destination }] }),
    response: { identifier, code },
  };
  const entry: BundleEntry[] = [{ resource: header }];
  if (error !== undefined || issues.length > 0) {
    const outcomeId = crypto.randomUUID();
    const issue: OperationOutcomeIssue[] = [];
    if (error !== undefined) {
      // Only the code: a message could tell a forger which check failed, or echo what the sender sent.
      const coding = [{ system: ERROR_CODE_SYSTEM, code: error }];
      issue.push({ severity: 'error', code: RECEIVE_RESPONSES[error].issue, details: { coding } });
    }
    // Issues exist only for a verified delivery: telling its signer what its own message breaks is safe.
    for (const found of issues.slice(0, MAX_WARNINGS)) {
      const coding = [{ system: RULE_SYSTEM, code: found.rule }];
      issue.push({
        severity: 'warning',
        code: issueTypeOf(found.rule),
        details: { coding },
        diagnostics: found.message,
      });
    }
    if (issues.length > MAX_WARNINGS) {
      const diagnostics = `${issues.length - MAX_WARNINGS} more issues are not listed.`;
      issue.push({ severity: 'information', code: 'informational', diagnostics });
    }
    const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue };
    header.response = { identifier, code, details: { reference: `urn:uuid:${outcomeId}` } };
    entry.push({ fullUrl: `urn:uuid:${outcomeId}`, resource: outcome });
  }
  return {
    resourceType: 'Bundle',
    id: options.id ?? crypto.randomUUID(),
    type: 'message',
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp.toISOString() }),
    entry,
  };
}

// The FHIR issue type (R4 issue-type value set) closest to each rule.
function issueTypeOf(rule: string): OperationOutcomeIssue['code'] {
  if (rule === 'format' || rule === 'binding') return rule === 'format' ? 'value' : 'code-invalid';
  if (rule === 'cardinality') return 'required';
  if (rule === 'unknown-property' || rule === 'json' || rule === 'resource-type') return 'structure';
  return 'invariant';
}
