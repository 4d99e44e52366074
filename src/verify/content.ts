// What a scheme signs and how its signature header is written: shared by verifySignature and signPayload.

import { base64Decode, base64Encode, hexDecode, hexEncode, type RawBody } from '../lib/bytes.js';
import type { SignatureFormat, SignatureScheme } from './scheme.js';
import { mistake } from './secrets.js';

/** One entry of a signature header in a format the scheme knows. */
export interface SignatureEntry {
  readonly format: SignatureFormat;
  /** The encoded signature after the format's prefix. */
  readonly text: string;
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
  let prefix = '';
  for (const part of parts) prefix += part === '{id}' ? id : part === '{timestamp}' ? timestamp : part;
  return prefix;
}

/** The entries of a signature header in a known format; others are dropped, never trusted. */
export function readSignatures(scheme: SignatureScheme, header: string): SignatureEntry[] {
  const { separator, formats } = scheme;
  const entries: SignatureEntry[] = [];
  // indexOf and indexed loops rather than split and for-of: this runs on every delivery, and on a one-entry
  // header the array and iterators cost more than the work itself.
  for (let start = 0; start <= header.length; ) {
    let end = separator === '' ? -1 : header.indexOf(separator, start);
    if (end === -1) end = header.length;
    for (let f = 0; f < formats.length; f++) {
      const { prefix } = formats[f] as SignatureFormat;
      if (!header.startsWith(prefix, start) || start + prefix.length > end) continue;
      entries.push({ format: formats[f] as SignatureFormat, text: header.slice(start + prefix.length, end) });
      break;
    }
    start = end + Math.max(separator.length, 1);
  }
  return entries;
}

/** Signature bytes as the scheme writes them: lower-case hex or padded base64, the one canonical form. */
export const encode = (scheme: SignatureScheme, bytes: Uint8Array): string =>
  scheme.encoding === 'hex' ? hexEncode(bytes) : base64Encode(bytes);

/**
 * The bytes of an encoded signature, or `undefined`. Only the canonical form is read, so that no two header
 * texts carry the same signature and every character of a signature is covered by the check.
 */
export function decode(scheme: SignatureScheme, text: string): Uint8Array | undefined {
  const bytes = scheme.encoding === 'hex' ? hexDecode(text) : base64Decode(text);
  return bytes !== undefined && encode(scheme, bytes) === text ? bytes : undefined;
}

/** Constant-time equality of two texts (the time depends on the length of `known` alone). */
export function same(known: string, text: string): boolean {
  let diff = known.length ^ text.length;
  for (let i = 0; i < known.length; i++) diff |= known.charCodeAt(i) ^ text.charCodeAt(i);
  return diff === 0;
}
