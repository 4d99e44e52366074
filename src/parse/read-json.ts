// Raw body -> JSON value: the size cap first, then UTF-8, then one JSON.parse. Internal to parse.

import { WebhookError } from '../errors.js';
import { exceedsBytes, isArrayBuffer, utf8Decode } from '../lib/bytes.js';
import { payloadTooLarge } from '../lib/fail.js';
import { findJsonSyntaxError } from '../lib/json-syntax.js';

const BOM = 0xfeff;

/**
 * The JSON value of a raw body (string, bytes), or the input itself when it is already parsed; `raw`
 * says which. The cap counts UTF-8 bytes and is checked before anything is decoded or parsed.
 */
export function readJson(input: unknown, maxBytes: number): { readonly value: unknown; readonly raw: boolean } {
  let text: string;
  if (typeof input === 'string') {
    if (exceedsBytes(input, maxBytes)) throw payloadTooLarge(maxBytes);
    text = input;
  } else if (isArrayBuffer(input) || ArrayBuffer.isView(input)) {
    if (input.byteLength > maxBytes) throw payloadTooLarge(maxBytes, String(input.byteLength));
    const bytes = isArrayBuffer(input)
      ? new Uint8Array(input)
      : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    try {
      text = utf8Decode(bytes);
    } catch (cause) {
      throw new WebhookError('invalid_json', 'Expected UTF-8 text, found bytes that are not valid UTF-8.', { cause });
    }
  } else {
    // Already parsed by the caller's framework, whose own body limit applied.
    return { value: input, raw: false };
  }
  // RFC 8259 section 8.1 lets a parser ignore a leading byte order mark, and some senders (.NET's
  // default UTF-8 writers) add one. Ignoring it is safe: signatures are checked over the raw bytes,
  // before this point, so the BOM is still covered by them.
  if (text.charCodeAt(0) === BOM) text = text.slice(1);
  try {
    return { value: JSON.parse(text), raw: true };
  } catch (cause) {
    throw syntaxError(text, cause);
  }
}

function syntaxError(text: string, cause: unknown): WebhookError {
  const error = findJsonSyntaxError(text);
  const where = error === undefined ? '' : ` at line ${error.line}, column ${error.column} (offset ${error.offset})`;
  const message =
    error === undefined
      ? 'Expected JSON, found text that JSON.parse refused.'
      : `Expected ${error.expected}${where}, found ${error.found}: the body is not JSON.`;
  return new WebhookError('invalid_json', message, { cause });
}
