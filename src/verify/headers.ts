/**
 * Reading signature headers from whatever the HTTP layer hands over: a Fetch `Headers`, Node's
 * `IncomingHttpHeaders` (values may be `string[]`), or a plain record with names in any case.
 *
 * @module
 */
import { WebhookError } from '../errors.js';

/**
 * The request headers: a Fetch `Headers`, Node's `req.headers`, or a plain record. Names are matched
 * case-insensitively.
 *
 * @example
 * ```ts
 * import type { HeadersInput } from 'bwell-webhooks';
 *
 * const headers: HeadersInput = { 'Webhook-Id': 'msg_1', 'webhook-timestamp': '1700000000' };
 * ```
 */
export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

type HeaderRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The one value of a header known under several names (aliases, case variants, repeated lines), or
 * `undefined` when none is present. Different values are ambiguous: refused, never guessed between.
 */
export function readHeader(headers: HeadersInput, names: readonly string[]): string | undefined {
  const name = names[0] as string;
  let found: string | undefined;
  if (typeof (headers as Headers).get === 'function') {
    for (const alias of names) found = merge(found, (headers as Headers).get(alias), name);
  } else {
    const record = headers as HeaderRecord;
    for (const key in record) {
      // Most keys are already lower case (Node lower-cases them); only others pay for toLowerCase().
      if (names.includes(key) || names.includes(key.toLowerCase())) found = merge(found, record[key], name);
    }
  }
  // A header sent twice reaches us joined by ", " (Fetch and Node both join them): two signature lists.
  if (found?.includes(', ')) throw ambiguous(name);
  return found;
}

function merge(found: string | undefined, value: string | readonly string[] | null | undefined, name: string) {
  if (value === null || value === undefined) return found;
  if (typeof value !== 'string') {
    for (const item of value) found = merge(found, item, name);
    return found;
  }
  if (found !== undefined && found !== value) throw ambiguous(name);
  return value;
}

const ambiguous = (name: string) => new WebhookError('invalid_header', `Expected one ${name}, found several.`);
