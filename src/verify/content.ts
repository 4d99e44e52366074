// What a scheme signs and how its signature header is written: shared by verifySignature and signPayload.

import type { TextSpan } from '../crypto/types.js';
import { WebhookError } from '../errors.js';
import type { RawBody } from '../lib/bytes.js';
import type { SignatureFormat, SignatureScheme } from './scheme.js';
import { mistake } from './secrets.js';

/** One entry of a signature header in a format the scheme knows: where its encoded signature stands. */
export interface SignatureEntry extends TextSpan {
  readonly format: SignatureFormat;
}

/** The body as the crypto seam takes it: a string as is, any bytes as a Uint8Array view over them (never a copy). */
export function asBody(payload: RawBody): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  return ArrayBuffer.isView(payload)
    ? new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)
    : new Uint8Array(payload);
}

// Each scheme's template, split once around its placeholders.
const templates = new WeakMap<SignatureScheme, string[]>();

/** The signed content before the body: `${id}.${timestamp}.` for Standard Webhooks. */
export function signedPrefix(scheme: SignatureScheme, id: string, timestamp: string): string {
  let parts = templates.get(scheme);
  if (parts === undefined) {
    const template = scheme.signedContent;
    if (!template.endsWith('{body}')) mistake('signedContent must end with {body}');
    parts = template.slice(0, -6).split(/(\{id\}|\{timestamp\})/);
    templates.set(scheme, parts);
  }
  // split() with a capturing group alternates: text at even indexes, a placeholder at odd ones.
  let prefix = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    prefix += i % 2 === 0 ? part : part === '{id}' ? id : timestamp;
  }
  return prefix;
}

/**
 * The most entries a signature header may hold. Each entry can cost a verification of the whole body (an Ed25519
 * verify per entry and key), and anyone can send a header: more is refused before any crypto runs. Senders
 * sign with one or two secrets at a time (a rotation), far below this.
 */
export const MAX_SIGNATURE_ENTRIES = 10;

/**
 * The entries of a signature header in a known format; others are dropped, never trusted. A header of more than
 * {@link MAX_SIGNATURE_ENTRIES} non-empty entries, known or not, is `invalid_header`.
 */
export function readSignatures(scheme: SignatureScheme, header: string): SignatureEntry[] {
  const { separator, formats } = scheme;
  const entries: SignatureEntry[] = [];
  let count = 0;
  // indexOf and indexed loops rather than split and for-of: this runs on every delivery, and on a one-entry
  // header the array and iterators cost more than the work itself.
  for (let start = 0; start <= header.length; ) {
    let end = separator === '' ? -1 : header.indexOf(separator, start);
    if (end === -1) end = header.length;
    if (end > start && ++count > MAX_SIGNATURE_ENTRIES) {
      throw new WebhookError(
        'invalid_header',
        `Expected at most ${MAX_SIGNATURE_ENTRIES} entries in ${scheme.signatureHeaders[0]}, found more.`,
      );
    }
    for (let f = 0; f < formats.length; f++) {
      const { prefix } = formats[f] as SignatureFormat;
      if (!header.startsWith(prefix, start) || start + prefix.length > end) continue;
      entries.push({ format: formats[f] as SignatureFormat, source: header, start: start + prefix.length, end });
      break;
    }
    start = end + Math.max(separator.length, 1);
  }
  return entries;
}
