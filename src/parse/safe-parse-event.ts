import type { WebhookError } from '../errors.js';
import { isWebhookError } from '../errors.js';
import type { EventDefinition } from '../events/event-definition.js';
import { type ParsedEvent, type ParseOptions, parseEvent } from './parse-event.js';

/**
 * What {@link safeParseEvent} returns: the event, or the {@link WebhookError} saying why there is none.
 * Narrow it on `success`.
 *
 * @example
 * ```ts
 * import { safeParseEvent, type SafeParseResult } from 'bwell-webhooks';
 *
 * declare const body: string;
 * const result: SafeParseResult = safeParseEvent(body);
 * const code = result.success ? undefined : result.error.code;
 * ```
 */
export type SafeParseResult<E extends readonly EventDefinition[] = readonly []> =
  | {
      /** The body is a message: `event` holds it. */
      readonly success: true;
      /** The typed event, as {@link parseEvent} returns it. */
      readonly event: ParsedEvent<E>;
    }
  | {
      /** The body was refused: `error` says why. */
      readonly success: false;
      /** Why, with a `code` and (where one value is at fault) a JSON `pointer`. */
      readonly error: WebhookError;
    };

/**
 * Parses a b.well webhook body like {@link parseEvent}, but returns bad input as a result instead of
 * throwing: it never throws for anything that arrives over the network.
 *
 * Like {@link parseEvent}, it does not verify the signature: verify first, with {@link verifySignature}.
 *
 * @param input - The raw body (`string`, `Uint8Array`, `ArrayBuffer`) or the value your framework already parsed.
 * @param options - The size cap, strict mode and the events you defined.
 * @returns `{ success: true, event }` or `{ success: false, error }`.
 * @throws TypeError only for a caller's mistake (an invalid `options.maxBytes`).
 *
 * @example
 * ```ts
 * import { safeParseEvent } from 'bwell-webhooks';
 *
 * declare const body: string;
 * const result = safeParseEvent(body);
 * if (!result.success) console.warn(result.error.code, result.error.pointer);
 * else if (result.event.type === 'user-delete-completed') console.log(result.event.person.id);
 * ```
 */
export function safeParseEvent<const E extends readonly EventDefinition[] = readonly []>(
  input: unknown,
  options?: ParseOptions<E>,
): SafeParseResult<E> {
  try {
    return { success: true, event: parseEvent(input, options) };
  } catch (error) {
    // Only refusals of the input become results; a caller's mistake (TypeError) still throws.
    if (isWebhookError(error)) return { success: false, error };
    throw error;
  }
}
