/**
 * Signing a payload the Standard Webhooks way, for senders and for receivers' own tests.
 *
 * @module
 */
import { hmac, signEd25519 } from '#crypto';
import { base64Encode, isRawBody, type RawBody } from '../lib/bytes.js';
import { asBody, formatSignature, signedPrefix } from '../verify/content.js';
import { type SignatureFormat, standardWebhooks } from '../verify/scheme.js';
import { keyFor, parseSecrets, type WebhookSecret } from '../verify/secrets.js';

/**
 * Options of {@link signPayload}.
 *
 * @example
 * ```ts
 * import type { SignPayloadOptions } from 'bwell-webhooks';
 *
 * const options: SignPayloadOptions = { payload: '{}', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
 * ```
 */
export interface SignPayloadOptions {
  /** The exact body that will be sent. */
  readonly payload: RawBody;
  /** A `whsec_` secret (signs `v1`), a `whsk_` Ed25519 signing key (signs `v1a`), raw bytes, or several. */
  readonly secret: WebhookSecret | readonly WebhookSecret[];
  /** The delivery id (default: a random `msg_...`); retries of one message keep the same id. */
  readonly id?: string | undefined;
  /** When the delivery is sent, as unix seconds or a `Date` (default: now). */
  readonly timestamp?: number | Date | undefined;
}

/**
 * The three headers of a signed Standard Webhooks delivery.
 *
 * @example
 * ```ts
 * import type { SignedHeaders } from 'bwell-webhooks';
 *
 * const id = (headers: SignedHeaders) => headers['webhook-id'];
 * ```
 */
export type SignedHeaders = Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;

const ID = /^[\x21-\x7e]{1,255}$/;

/**
 * Signs a payload with one or more secrets and returns the headers to send with it.
 *
 * @param options - The body, the secret(s), and optionally the id and timestamp.
 * @returns The `webhook-id`, `webhook-timestamp` and `webhook-signature` headers.
 *
 * @example
 * ```ts
 * import { signPayload } from 'bwell-webhooks';
 *
 * const body = JSON.stringify({ resourceType: 'Bundle', type: 'message' });
 * const headers = await signPayload({ payload: body, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
 * await fetch('http://127.0.0.1:3000/webhooks', { method: 'POST', body, headers });
 * ```
 */
export async function signPayload(options: SignPayloadOptions): Promise<SignedHeaders> {
  const { payload } = options;
  const secrets = parseSecrets(options.secret, 'base64', 'sign');
  if (!isRawBody(payload)) throw new TypeError('bwell-webhooks: payload must be a string, Uint8Array or ArrayBuffer');
  const id = options.id ?? `msg_${base64Encode(crypto.getRandomValues(new Uint8Array(18))).replace(/[+/]/g, '_')}`;
  if (!ID.test(id)) throw new TypeError('bwell-webhooks: id must be 1-255 visible ASCII characters');
  const time = options.timestamp ?? new Date();
  const timestamp = time instanceof Date ? Math.floor(time.getTime() / 1000) : time;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError('bwell-webhooks: timestamp must be whole unix seconds >= 0, or a Date');
  }

  const body = asBody(payload);
  const prefix = signedPrefix(standardWebhooks, id, String(timestamp));
  const [v1, v1a] = standardWebhooks.formats as readonly [SignatureFormat, SignatureFormat];
  const signatures: string[] = [];
  for (const secret of secrets) {
    const format = secret.kind === 'private' ? v1a : v1;
    const key = keyFor(secret, format.algorithm) as NonNullable<ReturnType<typeof keyFor>>;
    const ready = key.ready ?? (await key.pending);
    const signature =
      format.algorithm === 'Ed25519'
        ? await signEd25519(ready as never, prefix, body)
        : await hmac(ready as never, prefix, body);
    signatures.push(formatSignature(standardWebhooks, format, signature));
  }
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatures.join(' ') };
}
