/**
 * Reading signature headers from whatever the HTTP layer hands over: a Fetch `Headers`, Node's
 * `IncomingHttpHeaders` (values may be `string[]`), or a plain record with names in any case.
 *
 * @module
 */
import { WebhookError } from '../errors.js';
import { quote } from '../lib/quote.js';
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

/** A scheme's three header lists, and which list each lower-case name belongs to: built once per scheme. */
interface HeaderNames {
  readonly lists: readonly (readonly string[])[];
  readonly index: ReadonlyMap<string, number>;
  /** Whether some name has this many characters: only such a name can be one of ours in another case. */
  readonly lengths: readonly boolean[];
}

const namesOf = new WeakMap<SignatureScheme, HeaderNames>();

function headerNames(scheme: SignatureScheme): HeaderNames {
  let names = namesOf.get(scheme);
  if (names === undefined) {
    const lists = [scheme.idHeaders, scheme.timestampHeaders, scheme.signatureHeaders];
    const index = new Map<string, number>();
    const lengths: boolean[] = [];
    lists.forEach((list, i) => {
      // Lower-cased here too, so that a custom scheme written with capitals still finds its headers in a record.
      for (const name of list.map((each) => each.toLowerCase())) {
        if (!index.has(name)) index.set(name, i);
        lengths[name.length] = true;
      }
    });
    names = { lists, index, lengths };
    namesOf.set(scheme, names);
  }
  return names;
}

/**
 * The one value of the scheme's id, timestamp and signature headers, each known under several names
 * (aliases, case variants, repeated lines), or `undefined` when absent. Different values of one header are
 * ambiguous: refused, never guessed between.
 */
function readHeaders(headers: HeadersInput, scheme: SignatureScheme): (string | undefined)[] {
  const { lists, index, lengths } = headerNames(scheme);
  const found: (string | undefined)[] = [undefined, undefined, undefined];
  if (typeof (headers as Headers).get === 'function') {
    for (let i = 0; i < 3; i++) {
      for (const alias of lists[i] as readonly string[]) found[i] = merge(found[i], (headers as Headers).get(alias));
    }
  } else {
    // One pass over the record: a request carries a dozen headers or more. Names mostly arrive in lower case
    // (Node writes them so), and lower-casing every name would cost as much as the rest of the pass: a name is
    // lower-cased only when it missed and has the length of one of ours.
    const record = headers as HeaderRecord;
    for (const key in record) {
      let i = index.get(key);
      if (i === undefined && lengths[key.length] === true) i = index.get(key.toLowerCase());
      if (i !== undefined) found[i] = merge(found[i], record[key]);
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

// Character checks as loops: they run on every delivery, where a regular expression costs more than the work.
/** Standard Webhooks ids: 1-255 visible ASCII characters. Also what signPayload accepts. */
export function isDeliveryId(text: string): boolean {
  if (text.length === 0 || text.length > 255) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

// Unix seconds: plain digits, no sign, exponent or fraction.
function isUnixSeconds(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

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
  const found = readHeaders(headers, scheme);
  const id = required(found[0], idHeaders, isDeliveryId, '1-255 visible ASCII characters');
  const name = timestampHeaders[0];
  const timestampText = name === undefined ? '' : required(found[1], timestampHeaders, isUnixSeconds, 'unix seconds');
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
    signatures: required(found[2], signatureHeaders),
  };
}

function required(
  value: string | undefined,
  names: readonly string[],
  valid?: (text: string) => boolean,
  expected?: string,
): string {
  if (value === undefined) throw new WebhookError('missing_header', `Expected a ${names[0]} header, found none.`);
  // A header sent twice reaches us joined by ", " (Fetch and Node both join them): for a signature, two lists.
  // No valid id or timestamp holds a space, so theirs is looked for only once they fail their own check.
  if (valid === undefined ? value.includes(', ') : !valid(value)) {
    if (value.includes(', ')) throw new WebhookError('invalid_header', `Expected one ${names[0]}, found several.`);
    throw new WebhookError(
      'invalid_header',
      `Expected ${names[0]} to be ${expected}, found ${quote(value.slice(0, 40))}.`,
    );
  }
  return value;
}
