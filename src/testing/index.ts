/**
 * bwell-webhooks/testing: build b.well's deliveries and sign them like b.well, to test your receiver in one
 * line. Valid events of each type in both shapes (built-in or defined with `defineEvent`), an unknown event, b.well's own published examples, and
 * {@link createSignedRequest}.
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from 'bwell-webhooks';
 * import { buildDataExportCompleted, createSignedRequest } from 'bwell-webhooks/testing';
 *
 * const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
 * const handler = createWebhookHandler({ secret, on: { 'data-export-completed': (event) => event.downloadUrl } });
 * const response = await handler(await createSignedRequest({ payload: buildDataExportCompleted(), secret }));
 * ```
 *
 * @module bwell-webhooks/testing
 */

export type { BuildDataExportCompletedOptions } from './build-data-export-completed.js';
export { buildDataExportCompleted } from './build-data-export-completed.js';
export type { BuildDefinedEventOptions } from './build-event.js';
export { buildEvent } from './build-event.js';
export type { BuildEventOptions, EventShape, PayloadOf } from './build-message.js';
export type { BuildUnknownEventOptions } from './build-unknown-event.js';
export { buildUnknownEvent } from './build-unknown-event.js';
export { buildUserDeleteCompleted } from './build-user-delete-completed.js';
export type { SignedRequestOptions } from './create-signed-request.js';
export { createSignedRequest } from './create-signed-request.js';
export { BWELL_EXAMPLES } from './examples.js';
