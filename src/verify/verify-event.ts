/**
 * Verifying and parsing in one call.
 *
 * @module
 */
import type { EventDefinition } from '../events/event-definition.js';
import { isPromiseLike } from '../lib/promise-like.js';
import { type ParsedEvent, type ParseOptions, parseEvent } from '../parse/parse-event.js';
import { checkSignature, type VerifySignatureOptions } from './verify-signature.js';

/**
 * Options of {@link verifyEvent}: those of {@link verifySignature}, and the parser's `strict` switch.
 *
 * @example
 * ```ts
 * import type { VerifyEventOptions } from 'bwell-webhooks';
 *
 * const options = (payload: string, headers: Headers): VerifyEventOptions => ({
 *   payload,
 *   headers,
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   strict: true,
 * });
 * ```
 */
export interface VerifyEventOptions<E extends readonly EventDefinition[] = readonly []>
  extends VerifySignatureOptions,
    Pick<ParseOptions<E>, 'events'> {
  /** Passed to {@link parseEvent}: reject what the parser would otherwise tolerate. */
  readonly strict?: boolean | undefined;
}

/**
 * Verifies a delivery's signature, then parses its body into a typed event: nothing is parsed before the
 * signature checks out.
 *
 * @param options - The raw body, headers and secret(s), as for {@link verifySignature}, and `strict`.
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
  // The same string or bytes go to the parser: the body is decoded and parsed once, never copied again. The
  // options themselves go too (no copy per call): parseEvent reads only their `maxBytes`, `strict` and `events`.
  const parse = () => parseEvent(options.payload, options as ParseOptions<E>);
  try {
    const delivery = checkSignature(options);
    // Not `async`: a delivery verified synchronously is parsed at once, without a tick in between. Anything
    // but the plain delivery object is waited for: parsing must never run ahead of a pending verification.
    return isPromiseLike(delivery) ? Promise.resolve(delivery).then(parse) : Promise.resolve(parse());
  } catch (error) {
    return Promise.reject(error);
  }
}
