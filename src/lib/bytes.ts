// Byte helpers shared by parse and verify. Internal, except the `RawBody` type, which the package exports.

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
  return value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
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
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (with padding) to bytes; `undefined` when the text is not base64. */
export function base64Decode(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

/** Lower- or upper-case hex to bytes; `undefined` when the text is not an even run of hex digits. */
export function hexDecode(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function hexEncode(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] as number).toString(16).padStart(2, '0');
  return hex;
}
