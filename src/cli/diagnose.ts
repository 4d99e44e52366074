import { isWebhookError, parseEvent, verifySignature, type WebhookErrorCode } from '../index.js';
import { base64Decoded, bodyVariants } from './body-variants.js';
import { type EventSummary, summariseEvent } from './describe.js';
import { type HeaderRecord, headerTimestamp, signatureEntries, signatureHeader } from './headers.js';

/** Everything needed to check a captured delivery offline. */
export interface DeliveryInput {
  readonly body: Uint8Array;
  readonly headers: HeaderRecord;
  readonly secret: string;
  /** The clock, in epoch milliseconds. */
  readonly now: number;
  readonly toleranceSeconds: number;
  readonly maxBytes?: number;
}

/** The verdict on a delivery: the first failing check, why it failed, and what to do about it. */
export interface Diagnosis {
  readonly ok: boolean;
  /** `ok`, or the WebhookError code a receiver would have refused the delivery with. */
  readonly code: WebhookErrorCode | 'ok';
  /** One sentence saying what happened. */
  readonly reason: string;
  /** What to try next, when there is something to try. */
  readonly hint?: string;
  /** The `webhook-id`: verified when `ok`, as captured otherwise. */
  readonly id?: string;
  readonly timestamp?: number;
  /** Receiver's clock minus the delivery's timestamp, in seconds (positive: the delivery is in the past). */
  readonly skewSeconds?: number;
  readonly event?: EventSummary;
}

const encoder = new TextEncoder();
const TOO_LARGE_HINT = 'raise the cap with --max-bytes if the sender is right';
const RAW_BODY_HINT =
  'verify the raw bytes exactly as received (read the body as text or bytes before any JSON parser touches it)';

/** Checks a captured delivery the way a receiver would, and says exactly which check failed and why. */
export async function diagnoseDelivery(input: DeliveryInput): Promise<Diagnosis> {
  const timestamp = headerTimestamp(input.headers);
  const skew = timestamp === undefined ? {} : { timestamp, skewSeconds: Math.round(input.now / 1000 - timestamp) };
  const captured = capturedId(input.headers);
  try {
    const delivery = await verifyAt(input, input.body, input.secret, input.now);
    try {
      const event = parseEvent(input.body, input.maxBytes === undefined ? {} : { maxBytes: input.maxBytes });
      return {
        ok: true,
        code: 'ok',
        reason: 'signature valid',
        id: delivery.id,
        ...skew,
        event: summariseEvent(event),
      };
    } catch (error) {
      if (!isWebhookError(error)) throw error;
      const reason = `signature valid, but the body is not a b.well event: ${error.message}`;
      return { ok: false, code: error.code, reason, id: delivery.id, ...skew };
    }
  } catch (error) {
    if (!isWebhookError(error)) throw error;
    const base = { ok: false, code: error.code, ...captured, ...skew } as const;
    switch (error.code) {
      case 'timestamp_too_old':
      case 'timestamp_too_new':
        return { ...base, ...(await explainSkew(input, skew.skewSeconds ?? 0, timestamp ?? 0)) };
      case 'no_matching_signature':
        return { ...base, ...(await explainMismatch(input, timestamp)) };
      case 'missing_header':
        return { ...base, reason: error.message, hint: missingHeaderHint(input.headers) };
      case 'payload_too_large':
        return { ...base, reason: error.message, hint: TOO_LARGE_HINT };
      default:
        return { ...base, reason: error.message };
    }
  }
}

/** The verdict on a body that was not read whole because it is larger than the cap, as a receiver refuses it. */
export function tooLarge(headers: HeaderRecord, maxBytes: number): Diagnosis {
  const reason = `the body is larger than the cap of ${maxBytes} bytes (reading stopped there): a receiver with this cap refuses it unread`;
  return { ok: false, code: 'payload_too_large', reason, hint: TOO_LARGE_HINT, ...capturedId(headers) };
}

function capturedId(headers: HeaderRecord): { id?: string } {
  const id = signatureHeader(headers, 'id');
  return id === undefined ? {} : { id };
}

function verifyAt(input: DeliveryInput, payload: Uint8Array, secret: string | Uint8Array, now: number) {
  const { headers, toleranceSeconds, maxBytes } = input;
  return verifySignature({
    payload,
    headers,
    secret,
    now,
    toleranceSeconds,
    ...(maxBytes !== undefined && { maxBytes }),
  });
}

/** True when the signature matches `payload` under `secret`, ignoring the clock. */
async function matches(input: DeliveryInput, payload: Uint8Array, secret: string | Uint8Array, timestamp: number) {
  return verifyAt(input, payload, secret, timestamp * 1000).then(
    () => true,
    () => false,
  );
}

async function explainSkew(input: DeliveryInput, skewSeconds: number, timestamp: number) {
  const direction = skewSeconds > 0 ? 'in the past' : 'in the future';
  const reason = `the timestamp is ${Math.abs(skewSeconds)} seconds ${direction} (tolerance ${input.toleranceSeconds} s)`;
  if (await matches(input, input.body, input.secret, timestamp)) {
    return {
      reason: `${reason}; the signature itself is valid`,
      hint: `clock skew between sender and receiver, or an old delivery replayed; for a capture, re-run with --now ${timestamp}`,
    };
  }
  const mismatch = await explainMismatch(input, timestamp);
  return { reason: `${reason}, and ${mismatch.reason}`, ...(mismatch.hint && { hint: mismatch.hint }) };
}

async function explainMismatch(input: DeliveryInput, timestamp: number | undefined) {
  const at = timestamp ?? Math.floor(input.now / 1000);
  const entries = signatureEntries(input.headers);
  if (entries.length > 0 && !entries.some((entry) => /^v1a?,/.test(entry))) {
    return {
      reason: 'the signature header has no v1 entry (Standard Webhooks signatures look like v1,<base64>)',
      hint: 'the sender signs another way; check its scheme',
    };
  }
  // AWS Lambda hands a body over base64-encoded (isBase64Encoded: true) whenever API Gateway or a Function URL
  // does not take it for text; verifying that string as is fails.
  const decoded = base64Decoded(input.body);
  if (decoded !== undefined && (await matches(input, decoded, input.secret, at))) {
    return {
      reason: 'the body is base64-encoded: the signature matches its base64 decoding, not the bytes given',
      hint: 'decode it before verifying: in AWS Lambda, when event.isBase64Encoded is true, verify Buffer.from(event.body, "base64")',
    };
  }
  for (const variant of bodyVariants(input.body)) {
    if (await matches(input, variant.bytes, input.secret, at)) {
      return {
        reason: `the body was re-serialised: the signature matches it as ${variant.name}, not the bytes given`,
        hint: RAW_BODY_HINT,
      };
    }
  }
  // A common sender bug: the secret's text used as the HMAC key instead of its base64-decoded bytes.
  for (const text of new Set([input.secret, input.secret.replace(/^whsec_/, '')])) {
    if (await matches(input, input.body, encoder.encode(text), at)) {
      return {
        reason: "the sender used the secret's text as the HMAC key instead of its base64-decoded bytes",
        hint: 'fix the sender: Standard Webhooks keys are the base64 part after whsec_, decoded',
      };
    }
  }
  return {
    reason: 'no signature matched: the secret is not the one the sender used, or the body was changed after signing',
    hint: 'check the secret first (the body is not a re-serialisation of the signed one: compact, indented and newline variants do not match either)',
  };
}

function missingHeaderHint(headers: HeaderRecord): string {
  const present = ['id', 'timestamp', 'signature'].filter((name) => signatureHeader(headers, name) !== undefined);
  const missing = ['id', 'timestamp', 'signature'].filter((name) => !present.includes(name));
  return `found ${present.length === 0 ? 'none' : present.map((n) => `webhook-${n}`).join(', ')}; missing ${missing.map((n) => `webhook-${n}`).join(', ')}: capture all three headers with the body`;
}
