// Raw body -> JSON value: the size cap first, then UTF-8, then one JSON.parse; and, once the document walk
// has counted the parsed value, no property name twice in one object. Internal to parse. verifyEvent and
// createWebhookHandler hand their raw bytes to parseEvent, so they refuse a repeated name too, after the
// signature checks out and before any handler runs.

import { WebhookError } from '../errors.js';
import { exceedsBytes, isArrayBuffer, utf8Decode } from '../lib/bytes.js';
import { excerpt } from '../lib/excerpt.js';
import { payloadTooLarge } from '../lib/fail.js';
import { findDuplicateKey, findJsonSyntaxError, type JsonDuplicateKey, textMembers } from '../lib/json-syntax.js';

const BOM = 0xfeff;

/**
 * The JSON value of a raw body (string, bytes) and the text it was parsed from, or the input itself when it
 * is already parsed (no `text`). The cap counts UTF-8 bytes and is checked before anything is decoded or
 * parsed. A parsed value cannot be checked for repeated names: the parser that made it has kept one of two.
 */
export function readJson(
  input: unknown,
  maxBytes: number,
): { readonly value: unknown; readonly text: string | undefined } {
  let text: string;
  if (typeof input === 'string') {
    if (exceedsBytes(input, maxBytes)) throw payloadTooLarge(maxBytes);
    text = input;
  } else if (ArrayBuffer.isView(input) || isArrayBuffer(input)) {
    if (input.byteLength > maxBytes) throw payloadTooLarge(maxBytes, String(input.byteLength));
    try {
      // Any view is decoded over its own bytes, as they are: no Uint8Array made around it.
      text = utf8Decode(input);
    } catch (cause) {
      throw new WebhookError('invalid_json', 'Expected UTF-8 text, found bytes that are not valid UTF-8.', { cause });
    }
  } else {
    // Already parsed by the caller's framework, whose own body limit applied.
    return { value: input, text: undefined };
  }
  // RFC 8259 section 8.1 lets a parser ignore a leading byte order mark, and some senders (.NET's
  // default UTF-8 writers) add one. Ignoring it is safe: signatures are checked over the raw bytes,
  // before this point, so the BOM is still covered by them.
  if (text.charCodeAt(0) === BOM) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw syntaxError(text, cause);
  }
  return { value, text };
}

/**
 * Refuses a text that names one property twice in an object, given `members`, what the document walk counted
 * of the value JSON.parse made of it, counted by the same rule (`compact`, see textMembers). Equal counts prove
 * there is no repeat; any other count sends the text to the full scan, which decides.
 */
export function refuseRepeatedNames(text: string, members: number, compact: boolean): void {
  if (textMembers(text, compact) === members) return;
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) throw duplicateKey(duplicate);
}

// FHIR's JSON format says property names SHALL be unique (json.html); RFC 8259 section 4 only says they
// SHOULD be, and leaves what a parser does with a repeat unpredictable: JSON.parse keeps the last one, other
// parsers (a store downstream, an auditor's tool) keep the first, so two readers of one signed body could
// disagree about the event, or the person, it names. The code is `invalid_json`, with a pointer: the body has
// no single JSON value, which is found while reading it, before any FHIR rule, and it gets the same answer
// as any other unreadable body (400, `fatal-error`: a resend of the same bytes cannot succeed). The pointer,
// which a syntax error never has, tells the two apart; a code of its own would add nothing a receiver acts on.
function duplicateKey({ name, pointer, line, column, offset }: JsonDuplicateKey): WebhookError {
  // Keys come from the input: the message keeps the end of a long pointer and the start of a long name.
  const at = pointer.length <= 120 ? pointer : `…${pointer.slice(-120)}`;
  const second = `line ${line}, column ${column} (offset ${offset})`;
  const message = `Expected each property name once per object (FHIR JSON) at ${at}, found ${JSON.stringify(excerpt(name))} a second time at ${second}.`;
  return new WebhookError('invalid_json', message, { pointer });
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
