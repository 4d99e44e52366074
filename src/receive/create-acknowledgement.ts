/**
 * The FHIR answer to a delivery: the message Bundle b.well's Client Webhook API shows as the 200 response.
 *
 * @module
 */
import type { Bundle, BundleEntry, MessageHeader, OperationOutcome } from 'fhir/r4.js';
import type { WebhookErrorCode } from '../errors.js';
import { type AcknowledgementCode, RECEIVE_RESPONSES } from './responses.js';

/** The system of the `OperationOutcome` codings that carry a {@link WebhookErrorCode}. */
const ERROR_CODE_SYSTEM = 'urn:bwell-webhooks:error-code';

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
  /** The acknowledgement Bundle's own id; a random UUID by default. */
  readonly id?: string;
  /** When the acknowledgement was made (`Bundle.timestamp`); omitted by default. */
  readonly timestamp?: Date;
}

/**
 * Builds the FHIR acknowledgement of a delivery: a message Bundle whose MessageHeader has
 * `eventCoding.code: "webhook-payload-received"` and `response: { identifier, code }`, plus an
 * `OperationOutcome` carrying the error code when the delivery was refused.
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
  const { identifier, source, destination, error } = options;
  const code = options.code ?? (error === undefined ? 'ok' : RECEIVE_RESPONSES[error].code);
  const header: MessageHeader = {
    resourceType: 'MessageHeader',
    eventCoding: { system: 'http://icanbwell.com/event-types', code: 'webhook-payload-received' },
    source: { endpoint: source },
    ...(destination === undefined ? {} : { destination: [{ endpoint: destination }] }),
    response: { identifier, code },
  };
  const entry: BundleEntry[] = [{ resource: header }];
  if (error !== undefined) {
    const outcomeId = crypto.randomUUID();
    const outcome: OperationOutcome = {
      resourceType: 'OperationOutcome',
      // Only the code: a message could tell a forger which check failed, or echo what the sender sent.
      issue: [
        {
          severity: 'error',
          code: RECEIVE_RESPONSES[error].issue,
          details: { coding: [{ system: ERROR_CODE_SYSTEM, code: error }] },
        },
      ],
    };
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
