// b.well's published examples, as frozen constants. Internal module; the test kit's index exports them.

import type { Bundle, MessageHeader } from 'fhir/r4.js';
import { deepFreeze } from '../lib/deep-freeze.js';
import docDataExport from './fixtures/bwell-doc-data-export-completed.json' with { type: 'json' };
import docUserDelete from './fixtures/bwell-doc-user-delete-completed.fixed.json' with { type: 'json' };
import apiDataExport from './fixtures/bwell-openapi-data-export-completed.bundle.json' with { type: 'json' };
import apiUserDelete from './fixtures/bwell-openapi-user-delete-completed.bundle.json' with { type: 'json' };
import apiResponse from './fixtures/bwell-openapi-webhook-200-response.bundle.json' with { type: 'json' };

/**
 * b.well's published webhook examples, deeply frozen (copy with `structuredClone` to change one):
 * - `docUserDeleteCompleted`, `docDataExportCompleted`: the bare MessageHeaders of b.well's Webhooks page (the
 *   user-delete one with its `"<https://icanbwell.com">` endpoint repaired, since the page's text is not JSON);
 * - `apiUserDeleteCompleted`, `apiDataExportCompleted`: the message Bundles of the Client Webhook API reference;
 * - `apiAcknowledgement`: the 200 response that reference shows, which `createAcknowledgement` mirrors.
 *
 * @example
 * ```ts
 * import { parseEvent } from 'bwell-webhooks';
 * import { BWELL_EXAMPLES } from 'bwell-webhooks/testing';
 *
 * parseEvent(BWELL_EXAMPLES.apiUserDeleteCompleted).type; // 'user-delete-completed'
 * ```
 */
export const BWELL_EXAMPLES: {
  /** The Webhooks page's user-delete-completed MessageHeader (endpoint repaired). */
  readonly docUserDeleteCompleted: MessageHeader;
  /** The Webhooks page's data-export-completed MessageHeader. */
  readonly docDataExportCompleted: MessageHeader;
  /** The Client Webhook API's user-delete-completed message Bundle. */
  readonly apiUserDeleteCompleted: Bundle;
  /** The Client Webhook API's data-export-completed message Bundle. */
  readonly apiDataExportCompleted: Bundle;
  /** The Client Webhook API's 200 acknowledgement Bundle. */
  readonly apiAcknowledgement: Bundle;
} = deepFreeze(
  // Cloned first: the JSON modules are shared with whoever else imports them, and stay theirs to change.
  structuredClone({
    docUserDeleteCompleted: docUserDelete as MessageHeader,
    docDataExportCompleted: docDataExport as MessageHeader,
    apiUserDeleteCompleted: apiUserDelete as Bundle,
    apiDataExportCompleted: apiDataExport as Bundle,
    apiAcknowledgement: apiResponse as Bundle,
  }),
);
