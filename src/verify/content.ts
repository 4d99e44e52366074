// What a scheme signs and how its signature header is written: shared by verifySignature and signPayload.

import { base64Decode, base64Encode, hexDecode, hexEncode, type RawBody } from '../lib/bytes.js';
import type { SignatureFormat, SignatureScheme } from './scheme.js';

/** The body as the crypto seam takes it: a string as is, any bytes as a Uint8Array view over them (never a copy). */
export function asBody(payload: RawBody): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  return ArrayBuffer.isView(payload)
    ? new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)
    : new Uint8Array(payload);
}

/** One usable entry of a signature header. */
export interface SignatureEntry {
  readonly format: SignatureFormat;
  readonly signature: Uint8Array;
}

type Prefix = (id: string, timestamp: string) => string;
const compiled = new WeakMap<SignatureScheme, Prefix>();

/** The signed content before the body (`${id}.${timestamp}.` for Standard Webhooks), template compiled once. */
export function signedPrefix(scheme: SignatureScheme, id: string, timestamp: string): string {
  let prefix = compiled.get(scheme);
  if (prefix === undefined) {
    const template = scheme.signedContent;
    if (!template.endsWith('{body}'))
      throw new TypeError('bwell-webhooks: a scheme signedContent must end with {body}');
    const parts = template.slice(0, -'{body}'.length).split(/(\{id\}|\{timestamp\})/);
    prefix = (id, timestamp) => {
      let text = '';
      for (const part of parts) text += part === '{id}' ? id : part === '{timestamp}' ? timestamp : part;
      return text;
    };
    compiled.set(scheme, prefix);
  }
  return prefix(id, timestamp);
}

/** The entries of a signature header in a known format; malformed and unknown entries are dropped, never trusted. */
export function readSignatures(scheme: SignatureScheme, header: string): SignatureEntry[] {
  const entries: SignatureEntry[] = [];
  for (const entry of scheme.separator === '' ? [header] : header.split(scheme.separator)) {
    const format = scheme.formats.find((candidate) => entry.startsWith(candidate.prefix));
    if (format === undefined) continue;
    const text = entry.slice(format.prefix.length);
    const signature = scheme.encoding === 'hex' ? hexDecode(text) : base64Decode(text);
    // Canonical base64 only: the unused low bits of the last character must be zero, so that no two header
    // texts carry one signature (each character of a signature is then covered).
    if (signature === undefined || signature.length === 0) continue;
    if (scheme.encoding === 'base64' && base64Encode(signature) !== text) continue;
    entries.push({ format, signature });
  }
  return entries;
}

/** One entry as the scheme writes it. */
export function formatSignature(scheme: SignatureScheme, format: SignatureFormat, signature: Uint8Array): string {
  return format.prefix + (scheme.encoding === 'hex' ? hexEncode(signature) : base64Encode(signature));
}
