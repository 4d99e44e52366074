// Byte helpers shared by parse and verify. Internal, except the `RawBody` type, which the package exports.

import type { SignatureEncoding, TextSpan } from '../crypto/types.js';

/**
 * A request body exactly as received: the text, or its bytes. Every function that reads a body accepts it.
 *
 * @example
 * ```ts
 * import type { RawBody } from 'bwell-webhooks';
 *
 * const fromFetch = async (request: Request): Promise<RawBody> => new Uint8Array(await request.arrayBuffer());
 * ```
 */
export type RawBody = string | Uint8Array | ArrayBuffer;

// Pure: bundles that use neither (the WebCrypto seam only encodes base64) drop them.
const encoder = /* @__PURE__ */ new TextEncoder();
// fatal: a body that is not valid UTF-8 is refused, not silently repaired with U+FFFD.
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** True for the three raw body types; false for anything else (parsed objects, Buffers from other realms pass as Uint8Array). */
export function isRawBody(value: unknown): value is RawBody {
  return typeof value === 'string' || isArrayBuffer(value) || ArrayBuffer.isView(value);
}

/**
 * True for an ArrayBuffer from any realm: `instanceof ArrayBuffer` is false for one made in another
 * realm (an iframe, a vm context, the edge runtime's sandbox), its brand tag is not.
 */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  // A view (a Node Buffer: every body on Node) is answered without the brand tag's slower call.
  if (value instanceof ArrayBuffer) return true;
  return !ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/** UTF-8 bytes of a raw body, as an ArrayBuffer-backed view (what WebCrypto's BufferSource wants). */
export function toBytes(body: RawBody): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return encoder.encode(body);
  if (isArrayBuffer(body)) return new Uint8Array(body);
  if (body.buffer instanceof ArrayBuffer) return body as Uint8Array<ArrayBuffer>;
  return new Uint8Array(body);
}

/** True when the body's UTF-8 encoding is longer than `maxBytes`, without encoding strings that surely fit. */
export function exceedsBytes(body: RawBody, maxBytes: number): boolean {
  if (typeof body !== 'string') return body.byteLength > maxBytes;
  // A UTF-16 code unit encodes to 1-3 UTF-8 bytes: only strings in between need counting.
  if (body.length > maxBytes) return true;
  if (body.length * 3 <= maxBytes) return false;
  return encoder.encode(body).byteLength > maxBytes;
}

export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Decodes UTF-8; throws a TypeError on malformed sequences (callers turn it into their own error). */
export function utf8Decode(bytes: ArrayBufferView | ArrayBuffer): string {
  return decoder.decode(bytes);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// The value of each ASCII character in base64, or -1. Pure, so that bundles that decode nothing drop it.
const SEXTETS = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) table[BASE64_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

function sextet(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code < 128 ? (SEXTETS[code] as number) : -1;
}

/**
 * Strict standard base64 (with padding) to bytes; `undefined` when the text is not base64. `canonical` also
 * refuses non-zero bits after the last byte, so that exactly one text encodes each byte string (what
 * `base64Encode` writes). Reads `text` from `start` to `end`, so that a signature is decoded where it stands in
 * its header (V8 reads a substring of 13 characters or more through its parent, slowly). A loop over a table,
 * not a regular expression and `atob`: signatures are decoded on every delivery, and `atob` is slow on Node.
 */
export function base64Decode(
  text: string,
  canonical = false,
  start = 0,
  end = text.length,
): Uint8Array<ArrayBuffer> | undefined {
  const length = end - start;
  if (length % 4 !== 0) return undefined;
  const padding = length === 0 || text.charCodeAt(end - 1) !== 0x3d ? 0 : text.charCodeAt(end - 2) === 0x3d ? 2 : 1;
  const bytes = new Uint8Array((length / 4) * 3 - padding);
  // Whole groups first, without the padding's branches: a -1 from any sextet makes the group negative.
  const whole = padding === 0 ? end : end - 4;
  let j = 0;
  for (let i = start; i < whole; i += 4) {
    const group =
      (sextet(text, i) << 18) | (sextet(text, i + 1) << 12) | (sextet(text, i + 2) << 6) | sextet(text, i + 3);
    if (group < 0) return undefined;
    bytes[j] = group >> 16;
    bytes[j + 1] = group >> 8;
    bytes[j + 2] = group;
    j += 3;
  }
  if (padding !== 0) {
    const group =
      (sextet(text, whole) << 18) |
      (sextet(text, whole + 1) << 12) |
      (padding === 2 ? 0 : sextet(text, whole + 2) << 6);
    if (group < 0) return undefined;
    // Canonical: the bits after the last byte, which an encoder writes as zeros, must be zeros.
    if (canonical && (group & (padding === 2 ? 0xffff : 0xff)) !== 0) return undefined;
    bytes[j] = group >> 16;
    if (padding === 1) bytes[j + 1] = group >> 8;
  }
  return bytes;
}

export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

/**
 * Hex to bytes, in either case; `undefined` when the text (from `start` to `end`) is not an even run of hex
 * digits. `canonical` accepts lower case only (what `hexEncode` writes).
 */
export function hexDecode(
  text: string,
  canonical = false,
  start = 0,
  end = text.length,
): Uint8Array<ArrayBuffer> | undefined {
  if ((end - start) % 2 !== 0) return undefined;
  const bytes = new Uint8Array((end - start) / 2);
  for (let i = 0; i < bytes.length; i++) {
    const high = nibble(text.charCodeAt(start + i * 2), canonical);
    const low = nibble(text.charCodeAt(start + i * 2 + 1), canonical);
    if ((high | low) < 0) return undefined;
    bytes[i] = (high << 4) | low;
  }
  return bytes;
}

function nibble(code: number, canonical: boolean): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  if (!canonical && code >= 0x41 && code <= 0x46) return code - 0x37;
  return -1;
}

/**
 * The bytes of a signature where it stands in its header, or `undefined`. Only the canonical form is read
 * (padded base64 with zero trailing bits, lower-case hex), so that no two header texts carry the same signature
 * and every character of a signature is covered by the check. Shared by the verifier and the WebCrypto backend.
 */
export const decodeSignature = ({ source, start, end }: TextSpan, encoding: SignatureEncoding) =>
  (encoding === 'hex' ? hexDecode : base64Decode)(source, true, start, end);

export function hexEncode(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] as number).toString(16).padStart(2, '0');
  return hex;
}
