/**
 * Signing a payload the Standard Webhooks way, for senders and for receivers' own tests.
 *
 * @module
 */
import { hmac, importEd25519PrivateKey, signEd25519 } from '#crypto';
import { base64Decode, base64Encode, isRawBody, type RawBody } from '../lib/bytes.js';
import { asBody, signedPrefix } from '../verify/content.js';
import { isDeliveryId } from '../verify/headers.js';
import { standardWebhooks } from '../verify/scheme.js';
import { keyFor, mistake, readSecrets, type Secret, type WebhookSecret } from '../verify/secrets.js';

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

// whsk_ signing keys (Svix layout: 32-byte seed, then the 32-byte public key), imported once each.
const signingKeys = new Map<string, Promise<unknown>>();

function signingKey(text: string): Promise<unknown> {
  let key = signingKeys.get(text);
  if (key === undefined) {
    const bytes = base64Decode(text.slice(5));
    if (bytes?.length !== 64) mistake('a whsk_ signing key holds 64 bytes in base64');
    key = importEd25519PrivateKey(bytes.subarray(0, 32));
    if (signingKeys.size >= 100) signingKeys.clear();
    signingKeys.set(text, key);
  }
  return key;
}

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
  const { payload, secret } = options;
  const list: readonly WebhookSecret[] = Array.isArray(secret) ? secret : [secret as WebhookSecret];
  // whsk_ signing keys sign v1a; everything else is read as a verifying secret would be, and signs v1.
  const keys = list.map((one) =>
    typeof one === 'string' && one.startsWith('whsk_') ? signingKey(one) : readSecrets(one, false)[0],
  );
  if (keys.length === 0) readSecrets([], false);
  if (keys.some((key) => !(key instanceof Promise) && key?.ed25519)) {
    mistake('a whpk_ public key cannot sign; use its whsk_ signing key');
  }
  if (!isRawBody(payload)) mistake('payload must be a string, Uint8Array or ArrayBuffer');
  const id = options.id ?? `msg_${base64Encode(crypto.getRandomValues(new Uint8Array(18))).replace(/[+/]/g, '_')}`;
  if (!isDeliveryId(id)) mistake('id must be 1-255 visible ASCII characters');
  const time = options.timestamp ?? new Date();
  const timestamp = time instanceof Date ? Math.floor(time.getTime() / 1000) : time;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    mistake('timestamp must be whole unix seconds >= 0, or a Date');

  const body = asBody(payload);
  const prefix = signedPrefix(standardWebhooks, id, String(timestamp));
  const signatures: string[] = [];
  for (const key of keys) {
    signatures.push(
      key instanceof Promise
        ? `v1a,${base64Encode(await signEd25519((await key) as never, prefix, body))}`
        : `v1,${await hmac((await keyFor(key as Secret, 'HMAC-SHA-256')) as never, prefix, body, 'base64')}`,
    );
  }
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatures.join(' ') };
}
