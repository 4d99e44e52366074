/**
 * Reading signature headers from whatever the HTTP layer hands over: a Fetch `Headers`, Node's
 * `IncomingHttpHeaders` (values may be `string[]`), or a plain record with names in any case.
 *
 * @module
 */
import { WebhookError } from '../errors.js';
import type { SignatureScheme } from './scheme.js';

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
 * The one value of each header known under several names (aliases, case variants, repeated lines), or
 * `undefined` when absent: `names[i]` lists the names of header `i`, first the one used in messages.
 * Different values of one header are ambiguous: refused, never guessed between.
 */
function readHeaders(headers: HeadersInput, names: readonly (readonly string[])[]): (string | undefined)[] {
  const found: (string | undefined)[] = [];
  if (typeof (headers as Headers).get === 'function') {
    for (let i = 0; i < names.length; i++) {
      for (const alias of names[i] as readonly string[]) found[i] = merge(found[i], (headers as Headers).get(alias));
    }
  } else {
    // One pass over the record for all headers; Node's keys are already lower case.
    const record = headers as HeaderRecord;
    for (const key in record) {
      const lower = key.toLowerCase();
      for (let i = 0; i < names.length; i++) {
        if ((names[i] as readonly string[]).includes(lower)) found[i] = merge(found[i], record[key]);
      }
    }
  }
  for (let i = 0; i < names.length; i++) {
    // A header sent twice reaches us joined by ", " (Fetch and Node both join them): two signature lists.
    if (found[i]?.includes(', ')) {
      throw new WebhookError('invalid_header', `Expected one ${names[i]?.[0]}, found several.`);
    }
  }
  return found;
}

// Two different values of one header merge into the ", " of a joined repeat, and are refused as such.
function merge(found: string | undefined, value: string | readonly string[] | null | undefined): string | undefined {
  if (value === null || value === undefined) return found;
  if (typeof value !== 'string') {
    for (const item of value) found = merge(found, item);
    return found;
  }
  return found === undefined || found === value ? value : ', ';
}

const ID = /^[\x21-\x7e]{1,255}$/;
const TIMESTAMP = /^[0-9]+$/;

/**
 * The scheme's headers of a delivery, checked: an id of visible ASCII, a timestamp of integer seconds within
 * `past`/`future` seconds of `now`, and the signature header's text. A scheme that signs no timestamp has no
 * replay window: its deliveries count as sent now.
 */
export function readDelivery(
  headers: HeadersInput,
  scheme: SignatureScheme,
  now: number,
  past: number,
  future: number,
) {
  const { idHeaders, timestampHeaders, signatureHeaders } = scheme;
  const [idText, text, signatures] = readHeaders(headers, [idHeaders, timestampHeaders, signatureHeaders]);
  const id = required(idText, idHeaders, ID);
  const [name] = timestampHeaders;
  const timestampText = name === undefined ? '' : required(text, timestampHeaders, TIMESTAMP);
  const timestamp = name === undefined ? now : Number(timestampText);
  if (now - timestamp > past) {
    throw new WebhookError('timestamp_too_old', `Expected ${name} within ${past} s, found ${now - timestamp} s old.`);
  }
  if (timestamp - now > future) {
    throw new WebhookError(
      'timestamp_too_new',
      `Expected ${name} within ${future} s, found ${timestamp - now} s ahead.`,
    );
  }
  return {
    id,
    timestamp,
    timestampText,
    signatures: required(signatures, signatureHeaders),
  };
}

function required(value: string | undefined, names: readonly string[], pattern?: RegExp): string {
  if (value === undefined) throw new WebhookError('missing_header', `Expected a ${names[0]} header, found none.`);
  if (pattern !== undefined && !pattern.test(value)) {
    const expected = pattern === ID ? '1-255 visible ASCII characters' : 'unix seconds';
    throw new WebhookError(
      'invalid_header',
      `Expected ${names[0]} to be ${expected}, found ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  return value;
}
