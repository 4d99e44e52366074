// Builders for the field errors of parse and the event catalogue, so that every message has the same
// form: what was expected, where (a JSON pointer), and a short description of what was found.

import { WebhookError, type WebhookErrorCode } from '../errors.js';
import { describeValue } from './excerpt.js';
import { type Path, toPointer } from './pointer.js';

/** A value is present but wrong: `invalid_field` at `path`. */
export function invalidField(path: Path, expected: string, found: unknown): WebhookError {
  return fieldError('invalid_field', path, expected, describeValue(found));
}

/** A required value is absent: `missing_field` at `path` (where the value should be). */
export function missingField(path: Path, expected: string): WebhookError {
  return fieldError('missing_field', path, expected, 'nothing');
}

/** Any field-level error with a ready-made description of what was found. */
export function fieldError(code: WebhookErrorCode, path: Path, expected: string, found: string): WebhookError {
  const pointer = toPointer(path);
  return new WebhookError(code, `Expected ${expected} at ${where(pointer)}, found ${found}.`, { pointer });
}

const MAX_POINTER = 120;

/** Where `pointer` is, for a message: keys come from the input, so a long pointer keeps only its end. */
export function where(pointer: string): string {
  if (pointer === '') return 'the top level';
  return pointer.length <= MAX_POINTER ? pointer : `…${pointer.slice(-MAX_POINTER)}`;
}

/** The body is over the cap: `payload_too_large`, the same words wherever the cap is checked. */
export function payloadTooLarge(maxBytes: number, found = 'more'): WebhookError {
  return new WebhookError('payload_too_large', `Expected at most ${maxBytes} bytes, found ${found}.`);
}
