/**
 * Verifying and parsing in one call.
 *
 * @module
 */
import type { EventDefinition } from '../events/event-definition.js';
import { isRawBody } from '../lib/bytes.js';
import { isPromiseLike } from '../lib/promise-like.js';
import { type ParsedEvent, type ParseOptions, parseEvent } from '../parse/parse-event.js';
import { asBody } from './content.js';
import { checkSignature, type VerifySignatureOptions } from './verify-signature.js';

/**
 * Options of {@link verifyEvent}: those of {@link verifySignature}, and the parser's `validation`,
 * `understoodModifiers` and `unknownEvents` (see {@link ParseOptions}); `maxBytes` serves both.
 *
 * @example
 * ```ts
 * import type { VerifyEventOptions } from 'bwell-webhooks';
 *
 * const options = (payload: string, headers: Headers): VerifyEventOptions => ({
 *   payload,
 *   headers,
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   validation: 'strict',
 * });
 * ```
 */
export interface VerifyEventOptions<E extends readonly EventDefinition[] = readonly []>
  extends VerifySignatureOptions,
    Pick<ParseOptions<E>, 'validation' | 'understoodModifiers' | 'unknownEvents' | 'strict' | 'events'> {}

/**
 * Verifies a delivery's signature, then parses its body into a typed event: nothing is parsed before the
 * signature checks out.
 *
 * It does not remember deliveries: a retry of the same delivery verifies again, so deduplicate by
 * `webhook-id` yourself, or use {@link createWebhookHandler}, which also reads the body and answers.
 *
 * @param options - The raw body, headers and secret(s), as for {@link verifySignature}, and the parser's options.
 * @returns The typed event, to `switch` on its `type`.
 * @throws WebhookError from verifying (`no_matching_signature`, ...) or from parsing (`invalid_json`, ...).
 *
 * @example
 * ```ts
 * import { verifyEvent } from 'bwell-webhooks';
 *
 * export async function handle(request: Request): Promise<Response> {
 *   const event = await verifyEvent({
 *     payload: await request.text(),
 *     headers: request.headers,
 *     secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   });
 *   if (event.type === 'data-export-completed') console.log(event.downloadUrl);
 *   return new Response(null, { status: 204 });
 * }
 * ```
 */
export function verifyEvent<const E extends readonly EventDefinition[] = readonly []>(
  options: VerifyEventOptions<E>,
): Promise<ParsedEvent<E>> {
  try {
    // Bytes are copied once, and the copy is what is both verified and parsed: the caller's buffer may change
    // while a verification is pending (WebCrypto always answers later; node:crypto does while a key is being
    // imported), and the event must be the one the signature covered. A string cannot change. The options go
    // as they are (no copy of them per call): parseEvent reads only its own options from them.
    const raw = options.payload;
    const payload = typeof raw !== 'string' && isRawBody(raw) ? asBody(raw).slice() : raw;
    const delivery = checkSignature(options, payload);
    // Not `async`: a delivery verified synchronously is parsed at once, without a tick in between. Anything
    // but the plain delivery object is waited for: parsing must never run ahead of a pending verification.
    if (isPromiseLike(delivery)) {
      return Promise.resolve(delivery).then(() => parseEvent(payload, options as ParseOptions<E>));
    }
    return Promise.resolve(parseEvent(payload, options as ParseOptions<E>));
  } catch (error) {
    return Promise.reject(error);
  }
}
