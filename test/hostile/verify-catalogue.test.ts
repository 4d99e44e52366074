// Every refusal of verifySignature, one bad delivery or caller mistake per row: the exact code (or TypeError)
// and message, pinned word for word like the parse catalogue. Messages name the header and what was wrong,
// never the secret or the signature.
import { describe, expect, it } from 'vitest';
import { isWebhookError, signPayload, verifyEvent, verifySignature } from '../../src/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { SECRET, T0 } from './helpers.js';

const BODY = '{"a":1}';
const HEADERS = await signPayload({ payload: BODY, secret: SECRET, id: 'msg_1', timestamp: T0 });
type Options = Partial<Parameters<typeof verifySignature>[0]> | Record<string, unknown>;

async function refusal(options: Options): Promise<[string, string]> {
  const all = { payload: BODY, headers: HEADERS, secret: SECRET, now: T0 * 1000, ...options } as Parameters<
    typeof verifySignature
  >[0];
  const error = await verifySignature(all).then(
    () => new Error('verified'),
    (e: Error) => e,
  );
  return [isWebhookError(error) ? error.code : error.name, error.message];
}

// biome-ignore format: one bad delivery per row reads best as a table
const DELIVERIES: [string, Options, string, string][] = [
  ['a body over maxBytes', { maxBytes: 3 }, 'payload_too_large', 'Expected at most 3 bytes, found more.'],
  ['a null payload', { payload: null }, 'payload_not_raw', 'Expected the raw body (string or bytes), found null: read it before any JSON parser.'],
  ['a parsed payload', { payload: { a: 1 } }, 'payload_not_raw', 'Expected the raw body (string or bytes), found object: read it before any JSON parser.'],
  ['no webhook-id', { headers: { ...HEADERS, 'webhook-id': undefined } }, 'missing_header', 'Expected a webhook-id header, found none.'],
  ['no webhook-timestamp', { headers: { 'webhook-id': 'msg_1', 'webhook-signature': HEADERS['webhook-signature'] } }, 'missing_header', 'Expected a webhook-timestamp header, found none.'],
  ['no webhook-signature', { headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': String(T0) } }, 'missing_header', 'Expected a webhook-signature header, found none.'],
  ['a webhook-id with a space', { headers: { ...HEADERS, 'webhook-id': 'msg 1' } }, 'invalid_header', 'Expected webhook-id to be 1-255 visible ASCII characters, found "msg 1".'],
  ['a 300-character webhook-id, quoted to 40', { headers: { ...HEADERS, 'webhook-id': 'x'.repeat(300) } }, 'invalid_header', `Expected webhook-id to be 1-255 visible ASCII characters, found "${'x'.repeat(40)}".`],
  ['a webhook-timestamp with a letter', { headers: { ...HEADERS, 'webhook-timestamp': '12a' } }, 'invalid_header', 'Expected webhook-timestamp to be unix seconds, found "12a".'],
  ['a delivery 301 s old', { now: (T0 + 301) * 1000 }, 'timestamp_too_old', 'Expected webhook-timestamp within 300 s, found 301 s old.'],
  ['a delivery 301 s ahead', { now: (T0 - 301) * 1000 }, 'timestamp_too_new', 'Expected webhook-timestamp within 300 s, found 301 s ahead.'],
  ['a delivery 20 s old with a 10 s past tolerance', { now: (T0 + 20) * 1000, toleranceSeconds: { past: 10, future: 100 } }, 'timestamp_too_old', 'Expected webhook-timestamp within 10 s, found 20 s old.'],
  ['another secret', { secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'no_matching_signature', 'Expected a webhook-signature matching this body and secret, found none: verify the raw body as received.'],
];

// biome-ignore format: one caller mistake per row reads best as a table
const MISTAKES: [string, Options, string][] = [
  ['headers of null', { headers: null }, 'bwell-webhooks: headers are required'],
  ['headers as a string', { headers: 'webhook-id: msg_1' }, 'bwell-webhooks: headers are required'],
  ['a negative future tolerance', { toleranceSeconds: { past: 10, future: -1 } }, 'bwell-webhooks: toleranceSeconds: finite, >= 0'],
  ['a negative past tolerance', { toleranceSeconds: { past: -1, future: 10 } }, 'bwell-webhooks: toleranceSeconds: finite, >= 0'],
  ['an infinite tolerance', { toleranceSeconds: Number.POSITIVE_INFINITY }, 'bwell-webhooks: toleranceSeconds: finite, >= 0'],
  ['a clock of NaN', { now: Number.NaN }, 'bwell-webhooks: now: a valid Date or epoch milliseconds'],
  ['a negative maxBytes', { maxBytes: -1 }, 'bwell-webhooks: maxBytes: bytes >= 0'],
  ['no secret', { secret: undefined }, 'bwell-webhooks: expected a secret, found undefined'],
  ['a null in the secret list', { secret: [SECRET, null] }, 'bwell-webhooks: expected a secret, found null'],
  ['a number as the secret', { secret: 5 }, 'bwell-webhooks: expected a secret, found number'],
  ['an empty secret list', { secret: [] }, 'bwell-webhooks: no secret'],
  ['a secret with an upper-case prefix', { secret: SECRET.replace('whsec_', 'WHSEC_') }, 'bwell-webhooks: the secret is not base64'],
  ['a whpk_ key of 3 bytes', { secret: 'whpk_AAAA' }, 'bwell-webhooks: a whpk_ key has 32 bytes'],
];

describe('verifySignature refuses', () => {
  it.each(DELIVERIES)('%s', async (_, options, code, message) => {
    expect(await refusal(options)).toEqual([code, message]);
  });

  it.each(MISTAKES)('the caller mistake of %s with a TypeError', async (_, options, message) => {
    expect(await refusal(options)).toEqual(['TypeError', message]);
  });

  it('accepts a maxBytes of 0 for an empty body (then no signature matches)', async () => {
    expect((await refusal({ payload: '', maxBytes: 0 }))[0]).toBe('no_matching_signature');
  });
});

describe('verifyEvent', () => {
  it('passes maxBytes on to parseEvent, so a raised cap admits a body over the 1 MiB default', async () => {
    const message = JSON.stringify(buildUserDeleteCompleted());
    const payload = `${message.slice(0, -1)}${' '.repeat(1_200_000)}}`;
    const headers = await signPayload({ payload, secret: SECRET, timestamp: T0 });
    const options = { payload, headers, secret: SECRET, now: T0 * 1000 };
    await expect(verifyEvent({ ...options, maxBytes: 2_000_000 })).resolves.toMatchObject({
      type: 'user-delete-completed',
    });
    await expect(verifyEvent(options)).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
