/**
 * Verifying a delivery's signature: Standard Webhooks by default, any {@link SignatureScheme} on request.
 *
 * @module
 */
import { equal, hmac, verifyEd25519 } from '#crypto';
import { WebhookError } from '../errors.js';
import { exceedsBytes, isRawBody, type RawBody } from '../lib/bytes.js';
import { describeValue } from '../lib/excerpt.js';
import { DEFAULT_MAX_BYTES } from '../parse/limits.js';
import { asBody, readSignatures, signedPrefix } from './content.js';
import { type HeadersInput, readHeader } from './headers.js';
import { readOptions } from './options.js';
import { type SignatureScheme, standardWebhooks } from './scheme.js';
import { keyFor, parseSecrets, type WebhookSecret } from './secrets.js';

/**
 * Options of {@link verifySignature}.
 *
 * @example
 * ```ts
 * import type { VerifySignatureOptions } from 'bwell-webhooks';
 *
 * const options: VerifySignatureOptions = {
 *   payload: '{"resourceType":"Bundle"}',
 *   headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,...' },
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 * };
 * ```
 */
export interface VerifySignatureOptions {
  /** The raw body exactly as received: never a parsed object, never re-serialised. */
  readonly payload: RawBody;
  readonly headers: HeadersInput;
  /** The secret, or several during a key rotation (any may match). */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /** Accepted clock skew in seconds, both ways (default 300), or separately for the past and the future. */
  readonly toleranceSeconds?: number | { readonly past: number; readonly future: number } | undefined;
  /** The current time (a `Date` or epoch milliseconds); defaults to the system clock. */
  readonly now?: Date | number | undefined;
  /** The largest body accepted, in bytes (default 1 MiB, inclusive). */
  readonly maxBytes?: number | undefined;
  /** How the provider signs (default {@link standardWebhooks}). */
  readonly scheme?: SignatureScheme | undefined;
}

/**
 * A delivery whose signature checked out.
 *
 * @example
 * ```ts
 * import type { VerifiedDelivery } from 'bwell-webhooks';
 *
 * const seen = (delivery: VerifiedDelivery) => `${delivery.id}@${delivery.timestamp}`;
 * ```
 */
export interface VerifiedDelivery {
  /** The delivery id (`webhook-id`): the same for every retry of one message, the key for idempotency. */
  readonly id: string;
  /** The signed timestamp in unix seconds; for schemes that sign none, the time of verification. */
  readonly timestamp: number;
  /** The version of the matching signature (`'v1'`, `'v1a'`, or the scheme's own). */
  readonly version: string;
  /** Which secret matched: its index in the `secret` array (0 for a single secret). */
  readonly keyIndex: number;
}

const ID = /^[\x21-\x7e]{1,255}$/;
const TIMESTAMP = /^[0-9]+$/;

/**
 * Checks that a delivery was signed with one of your secrets, recently, over exactly these bytes.
 *
 * @param options - The raw body, the request headers, the secret(s), and optional tolerance, clock, size
 * limit and scheme.
 * @returns The delivery's id and timestamp, and which signature version and secret matched.
 * @throws WebhookError with code `payload_not_raw`, `payload_too_large`, `missing_header`, `invalid_header`,
 * `timestamp_too_old`, `timestamp_too_new` or `no_matching_signature`; TypeError for a missing or malformed secret.
 *
 * @example
 * ```ts
 * import { verifySignature } from 'bwell-webhooks';
 *
 * export default {
 *   async fetch(request: Request): Promise<Response> {
 *     const delivery = await verifySignature({
 *       payload: await request.text(),
 *       headers: request.headers,
 *       secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *     });
 *     return new Response(`verified ${delivery.id}`);
 *   },
 * };
 * ```
 */
export async function verifySignature(options: VerifySignatureOptions): Promise<VerifiedDelivery> {
  const { payload, headers, scheme = standardWebhooks } = options;
  // The caller's mistakes first, as TypeErrors, whatever the request holds.
  const secrets = parseSecrets(options.secret, scheme.secretEncoding, 'verify');
  const { past, future, nowSeconds, maxBytes } = readOptions(options, DEFAULT_MAX_BYTES);
  if (typeof headers !== 'object' || headers === null) throw new TypeError('bwell-webhooks: headers are required');

  if (!isRawBody(payload)) {
    throw new WebhookError(
      'payload_not_raw',
      `Expected the raw body (string, Uint8Array or ArrayBuffer), found ${describeValue(payload)}: ` +
        'read the body as text or bytes before any JSON parser runs, and pass those bytes unchanged.',
    );
  }
  const body = asBody(payload);
  if (exceedsBytes(body, maxBytes)) {
    throw new WebhookError('payload_too_large', `Expected at most ${maxBytes} bytes, found more.`);
  }

  const id = required(headers, scheme.idHeaders, ID, 'visible ASCII characters (1-255)');
  let timestamp = nowSeconds;
  let timestampText = '';
  const [timestampHeader] = scheme.timestampHeaders;
  if (timestampHeader !== undefined) {
    timestampText = required(headers, scheme.timestampHeaders, TIMESTAMP, 'integer unix seconds');
    timestamp = Number(timestampText);
    if (nowSeconds - timestamp > past) {
      throw new WebhookError(
        'timestamp_too_old',
        `Expected ${timestampHeader} within ${past} s of now, found one ${nowSeconds - timestamp} s old: a replay, or a slow clock.`,
      );
    }
    if (timestamp - nowSeconds > future) {
      throw new WebhookError(
        'timestamp_too_new',
        `Expected ${timestampHeader} within ${future} s of now, found one ${timestamp - nowSeconds} s ahead: a clock out of sync.`,
      );
    }
  }
  const entries = readSignatures(scheme, required(headers, scheme.signatureHeaders));

  const prefix = signedPrefix(scheme, id, timestampText);
  for (let keyIndex = 0; keyIndex < secrets.length; keyIndex++) {
    // An HMAC is computed once per secret and compared with every entry of its algorithm.
    let mac: Uint8Array | undefined;
    let macAlgorithm: string | undefined;
    for (const { format, signature } of entries) {
      const key = keyFor(secrets[keyIndex] as NonNullable<(typeof secrets)[number]>, format.algorithm);
      if (key === undefined) continue;
      const ready = key.ready ?? (await key.pending);
      let ok: boolean;
      if (format.algorithm === 'Ed25519') ok = await verifyEd25519(ready as never, prefix, body, signature);
      else {
        if (macAlgorithm !== format.algorithm) {
          mac = await hmac(ready as never, prefix, body);
          macAlgorithm = format.algorithm;
        }
        ok = equal(mac as Uint8Array, signature);
      }
      if (ok) return { id, timestamp, version: format.version, keyIndex };
    }
  }
  throw new WebhookError(
    'no_matching_signature',
    `Expected a ${scheme.signatureHeaders[0]} entry matching this body and secret, found none of ${entries.length} ` +
      'usable: check the secret, and verify the body exactly as received.',
  );
}

function required(headers: HeadersInput, names: readonly string[], pattern?: RegExp, expected?: string): string {
  const value = readHeader(headers, names);
  if (value === undefined) {
    throw new WebhookError('missing_header', `Expected a ${names.join(' or ')} header, found none.`);
  }
  if (pattern !== undefined && !pattern.test(value)) {
    throw new WebhookError('invalid_header', `Expected ${names[0]} to be ${expected}, found ${describeValue(value)}.`);
  }
  return value;
}
