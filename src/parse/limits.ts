// Limits shared by parse, verify and receive, defined once so that all of them refuse the same bodies.

/**
 * The default size cap of {@link parseEvent}, {@link verifySignature} and {@link createWebhookHandler}:
 * 1 MiB (1,048,576 bytes, inclusive), counted in UTF-8 bytes before anything is decoded or parsed.
 * b.well's events are about 1 KB.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_BYTES, parseEvent } from 'bwell-webhooks';
 *
 * declare const body: Uint8Array;
 * const event = parseEvent(body, { maxBytes: DEFAULT_MAX_BYTES * 2 });
 * ```
 */
export const DEFAULT_MAX_BYTES = 1_048_576;
