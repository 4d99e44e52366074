// Properties of signed deliveries: no mutation of a signed delivery verifies, arbitrary headers are refused
// with a WebhookError, and the handler answers a correctly signed body with 200 or 400, never running a
// handler for a non-event. Bounded with numRuns so the folder stays well under 30 s.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  createWebhookHandler,
  isWebhookError,
  parseEvent,
  signPayload,
  verifyEvent,
  verifySignature,
  type WebhookEvent,
} from '../../src/index.js';
import { validMessage } from './arbitraries.js';
import { SECRET } from './helpers.js';

describe('signed deliveries', () => {
  const T = 1_767_225_600;
  const OTHER = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
  // Every way a delivery can be changed in transit or forged from a captured one, none of which may verify.
  type Mutation = (headers: Record<string, string>, body: string) => [Record<string, string | undefined>, string];
  const mutations: Record<string, Mutation> = {
    'body re-serialised with indentation': (h, b) => [h, JSON.stringify(JSON.parse(b), null, 2)],
    'body with a trailing newline': (h, b) => [h, `${b}\n`],
    'body without its last byte': (h, b) => [h, b.slice(0, -1)],
    'body with a BOM added': (h, b) => [h, `\uFEFF${b}`],
    'body with another person': (h, b) => [h, b.replace(/Person\/[^"]+/g, 'Person/0')],
    'id with a trailing space': (h, b) => [{ ...h, 'webhook-id': `${h['webhook-id']} ` }, b],
    'id in upper case': (h, b) => [{ ...h, 'webhook-id': `${h['webhook-id']}X`.toUpperCase() }, b],
    'timestamp one second later': (h, b) => [{ ...h, 'webhook-timestamp': String(T + 1) }, b],
    'timestamp with a leading zero': (h, b) => [{ ...h, 'webhook-timestamp': `0${T}` }, b],
    'timestamp in milliseconds': (h, b) => [{ ...h, 'webhook-timestamp': `${T}000` }, b],
    'signature version v1a': (h, b) => [
      { ...h, 'webhook-signature': h['webhook-signature']?.replace('v1,', 'v1a,') },
      b,
    ],
    'signature version v2': (h, b) => [{ ...h, 'webhook-signature': h['webhook-signature']?.replace('v1,', 'v2,') }, b],
    'signature in base64url': (h, b) => [
      { ...h, 'webhook-signature': `${h['webhook-signature']}/+`.replace(/\+/g, '-').replace(/\//g, '_') },
      b,
    ],
    'signature truncated': (h, b) => [{ ...h, 'webhook-signature': h['webhook-signature']?.slice(0, -6) }, b],
    'signature in upper case': (h, b) => [
      { ...h, 'webhook-signature': `v1,${h['webhook-signature']?.slice(3).toUpperCase()}x` },
      b,
    ],
    'signature empty': (h, b) => [{ ...h, 'webhook-signature': '' }, b],
    'signature header dropped': (h, b) => [
      { 'webhook-id': h['webhook-id'], 'webhook-timestamp': h['webhook-timestamp'] },
      b,
    ],
  };

  test.prop([validMessage, fc.stringMatching(/^msg_[A-Za-z0-9]{1,20}$/), fc.constantFrom(...Object.keys(mutations))], {
    numRuns: 200,
  })('never verify after any mutation of body, id, timestamp or signature', async (message, id, mutation) => {
    const body = JSON.stringify(message);
    const headers: Record<string, string> = await signPayload({ payload: body, secret: SECRET, id, timestamp: T });
    const options = { secret: SECRET, now: T * 1000 };
    await expect(verifyEvent({ payload: body, headers, ...options })).resolves.toMatchObject({});
    const [changedHeaders, changedBody] = (mutations[mutation] as Mutation)(headers, body);
    if (changedBody === body && JSON.stringify(changedHeaders) === JSON.stringify(headers)) return;
    const error = await verifySignature({ payload: changedBody, headers: changedHeaders, ...options }).catch((e) => e);
    expect(isWebhookError(error), `${mutation}: ${error}`).toBe(true);
    expect(['no_matching_signature', 'invalid_header', 'missing_header', 'timestamp_too_new']).toContain(error.code);
  });

  test.prop([fc.uint8Array({ maxLength: 256 }), fc.string({ maxLength: 8 })], { numRuns: 200 })(
    'never verify with another secret, for any body',
    async (body, id) => {
      const headers = await signPayload({ payload: body, secret: OTHER, id: `msg_${id.length}`, timestamp: T });
      const error = await verifySignature({ payload: body, headers, secret: SECRET, now: T * 1000 }).catch((e) => e);
      expect(error).toMatchObject({ code: 'no_matching_signature' });
    },
  );

  test.prop(
    [
      fc.dictionary(
        fc.oneof(
          fc.constantFrom('webhook-id', 'webhook-timestamp', 'webhook-signature', 'svix-signature'),
          fc.string(),
        ),
        fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
      ),
    ],
    { numRuns: 300 },
  )('refuse arbitrary headers with a WebhookError, never a TypeError', async (headers) => {
    const error = await verifySignature({ payload: '{}', headers, secret: SECRET, now: T * 1000 }).catch((e) => e);
    expect(isWebhookError(error), String(error)).toBe(true);
  });

  test.prop(
    [
      fc.oneof(
        fc.uint8Array({ maxLength: 512 }),
        validMessage.map((m) => JSON.stringify(m)),
      ),
    ],
    { numRuns: 100 },
  )('get 200 or 400 from the handler when correctly signed, and never run a handler for a non-event', async (body) => {
    const handled: string[] = [];
    const record = (event: WebhookEvent) => {
      handled.push(event.type);
    };
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => T * 1000,
      on: { 'user-delete-completed': record, 'data-export-completed': record },
      onUnknown: record,
    });
    const headers = await signPayload({ payload: body, secret: SECRET, id: 'msg_prop', timestamp: T });
    const response = await handler(new Request('http://127.0.0.1/', { method: 'POST', body, headers }));
    const parsed = (() => {
      try {
        return parseEvent(body).type;
      } catch {
        return undefined;
      }
    })();
    expect(response.status).toBe(parsed === undefined ? 400 : 200);
    expect(handled).toEqual(parsed === undefined ? [] : [parsed]);
  });
});
