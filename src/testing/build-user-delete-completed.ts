import { type BuildEventOptions, buildMessage, type EventShape, type PayloadOf } from './build-message.js';

/**
 * Builds a valid `user-delete-completed` delivery body, shaped like b.well's published examples.
 *
 * @param options - The shape (`'bundle'` by default, or `'header'`), the message id, the person's ids.
 * @returns The FHIR resource to send: `JSON.stringify` it, or hand it to `createSignedRequest`.
 *
 * @example
 * ```ts
 * import { buildUserDeleteCompleted, createSignedRequest } from 'bwell-webhooks/testing';
 *
 * const payload = buildUserDeleteCompleted({ shape: 'header', externalId: 'user-42' });
 * const request = await createSignedRequest({ payload, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
 * ```
 */
export function buildUserDeleteCompleted<S extends EventShape = 'bundle'>(
  options: BuildEventOptions<S> = {},
): PayloadOf<S> {
  return buildMessage('user-delete-completed', options) as PayloadOf<S>;
}
