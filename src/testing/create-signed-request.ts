import type { WebhookEventBase } from '../events/types.js';
import { isRawBody, type RawBody, toBytes } from '../lib/bytes.js';
import { signPayload } from '../sign/sign-payload.js';
import type { WebhookSecret } from '../verify/secrets.js';

/**
 * Options of {@link createSignedRequest}: the body as a `payload` (raw, or a FHIR resource to serialise) or as a
 * parsed `event` (its Bundle or MessageHeader is sent), and how to sign and address it.
 *
 * @example
 * ```ts
 * import type { SignedRequestOptions } from 'bwell-webhooks/testing';
 *
 * const options: SignedRequestOptions = { payload: '{}', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
 * ```
 */
export type SignedRequestOptions = (
  | {
      /** The body: raw bytes or text sent as they are, or a FHIR resource serialised with `JSON.stringify`. */
      readonly payload: RawBody | object;
      /** Not with `payload`. */
      readonly event?: undefined;
    }
  | {
      /** A parsed event (built-in or user-defined): its Bundle (or bare MessageHeader) is sent. */
      readonly event: WebhookEventBase;
      /** Not with `event`. */
      readonly payload?: undefined;
    }
) & {
  /** The signing secret (`whsec_...`), the one your handler verifies with. */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /** Where the request goes (default `'http://localhost/webhook'`). */
  readonly url?: string;
  /** The `webhook-id` (default: random); send the same id twice to test a retried delivery. */
  readonly id?: string;
  /** The signed timestamp, unix seconds or a `Date` (default: now). */
  readonly timestamp?: number | Date;
  /** More headers, or overrides of the signed ones (to test a tampered signature). */
  readonly headers?: Readonly<Record<string, string>>;
};

/**
 * Builds a signed POST request carrying a delivery, exactly as b.well would send it, to test a handler in
 * one line.
 *
 * @param options - The body, the secret, and optionally the URL, id, timestamp and extra headers.
 * @returns A ready `Request`, with `Content-Type: application/fhir+json` and the three signature headers.
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from 'bwell-webhooks';
 * import { buildUserDeleteCompleted, createSignedRequest } from 'bwell-webhooks/testing';
 *
 * const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
 * const handler = createWebhookHandler({ secret, on: { 'user-delete-completed': () => {} } });
 * const response = await handler(await createSignedRequest({ payload: buildUserDeleteCompleted(), secret }));
 * response.status; // 200
 * ```
 */
export async function createSignedRequest(options: SignedRequestOptions): Promise<Request> {
  const { event, payload, secret, id, timestamp } = options;
  const resource = event === undefined ? payload : (event.bundle ?? event.messageHeader);
  const body = isRawBody(resource) ? resource : JSON.stringify(resource);
  const signed = await signPayload({ payload: body, secret, id, timestamp });
  return new Request(options.url ?? 'http://localhost/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json', ...signed, ...options.headers },
    // A copy: the Request owns its body, and the caller keeps theirs.
    body: typeof body === 'string' ? body : toBytes(body).slice(),
  });
}
