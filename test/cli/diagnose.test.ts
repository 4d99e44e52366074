import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { base64Decoded, bodyVariants } from '../../src/cli/body-variants.js';
import { type DeliveryInput, diagnoseDelivery, tooLarge } from '../../src/cli/diagnose.js';
import bundle from '../../src/testing/fixtures/bwell-openapi-data-export-completed.bundle.json' with { type: 'json' };

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const T = 1_700_000_000;
const encode = (text: string) => new TextEncoder().encode(text);

/** A delivery signed by the Standard Webhooks reference library, a real peer, over `signed`. */
function delivery(
  signed: string,
  overrides: Partial<DeliveryInput> = {},
  webhook = new Webhook(SECRET),
): DeliveryInput {
  const headers = {
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(T),
    'webhook-signature': webhook.sign('msg_1', new Date(T * 1000), signed),
  };
  return { body: encode(signed), headers, secret: SECRET, now: T * 1000, toleranceSeconds: 300, ...overrides };
}

const pretty = JSON.stringify(bundle, null, 2);
const compact = JSON.stringify(bundle);

describe('diagnoseDelivery', () => {
  it('accepts a valid delivery and summarises its event', async () => {
    const diagnosis = await diagnoseDelivery(delivery(compact, { now: (T + 12) * 1000 }));
    expect(diagnosis).toMatchObject({ ok: true, code: 'ok', id: 'msg_1', timestamp: T, skewSeconds: 12 });
    expect(diagnosis.event).toEqual({
      type: 'data-export-completed',
      person: 'Person/789',
      externalIdentifier: expect.stringContaining('urn:client:identifier|'),
      downloadUrl: expect.stringMatching(/^https:/),
    });
  });

  it('says the body was re-serialised when it verifies only as compact JSON', async () => {
    const diagnosis = await diagnoseDelivery({ ...delivery(compact), body: encode(pretty) });
    expect(diagnosis).toMatchObject({ ok: false, code: 'no_matching_signature' });
    expect(diagnosis.reason).toBe(
      'the body was re-serialised: the signature matches it as compact JSON (JSON.stringify), not the bytes given',
    );
    expect(diagnosis.hint).toMatch(/raw bytes exactly as received/);
  });

  it('says the body was re-serialised when the sender signed it indented by 2 spaces', async () => {
    const diagnosis = await diagnoseDelivery({ ...delivery(pretty), body: encode(compact) });
    expect(diagnosis.reason).toMatch(/matches it as JSON indented by 2 spaces/);
  });

  it('spots an extra trailing newline, as editors add on save', async () => {
    const diagnosis = await diagnoseDelivery({ ...delivery(compact), body: encode(`${compact}\n`) });
    expect(diagnosis.reason).toMatch(/without its trailing newline/);
  });

  it('gives the clock skew in seconds and says the signature itself is valid', async () => {
    const diagnosis = await diagnoseDelivery(delivery(compact, { now: (T + 3600) * 1000 }));
    expect(diagnosis).toMatchObject({ ok: false, code: 'timestamp_too_old', skewSeconds: 3600 });
    expect(diagnosis.reason).toBe(
      'the timestamp is 3600 seconds in the past (tolerance 300 s); the signature itself is valid',
    );
    expect(diagnosis.hint).toContain(`--now ${T}`);
  });

  it('reports a timestamp in the future as such', async () => {
    const diagnosis = await diagnoseDelivery(delivery(compact, { now: (T - 900) * 1000 }));
    expect(diagnosis).toMatchObject({ code: 'timestamp_too_new', skewSeconds: -900 });
    expect(diagnosis.reason).toMatch(/^the timestamp is 900 seconds in the future/);
  });

  it('reports skew and a bad signature together', async () => {
    const diagnosis = await diagnoseDelivery({
      ...delivery(compact, { now: (T + 3600) * 1000 }),
      secret: `whsec_${'A'.repeat(32)}`,
    });
    expect(diagnosis.code).toBe('timestamp_too_old');
    expect(diagnosis.reason).toMatch(/in the past .*, and no signature matched/);
  });

  it('blames the secret or a changed body when no variant matches', async () => {
    const diagnosis = await diagnoseDelivery({ ...delivery(compact), secret: `whsec_${'A'.repeat(32)}` });
    expect(diagnosis).toMatchObject({ code: 'no_matching_signature' });
    expect(diagnosis.reason).toBe(
      'no signature matched: the secret is not the one the sender used, or the body was changed after signing',
    );
  });

  it("spots a sender that used the secret's text as the HMAC key", async () => {
    const sender = new Webhook(encode(SECRET), { format: 'raw' });
    const diagnosis = await diagnoseDelivery(delivery(compact, {}, sender));
    expect(diagnosis.reason).toMatch(/secret's text as the HMAC key/);
  });

  it('names the missing headers', async () => {
    const { 'webhook-signature': _, ...headers } = delivery(compact).headers as Record<string, string>;
    const diagnosis = await diagnoseDelivery({ ...delivery(compact), headers });
    expect(diagnosis).toMatchObject({ ok: false, code: 'missing_header' });
    expect(diagnosis.hint).toBe(
      'found webhook-id, webhook-timestamp; missing webhook-signature: capture all three headers with the body',
    );
  });

  it('says when the signature header is not a Standard Webhooks one', async () => {
    const input = delivery(compact);
    const diagnosis = await diagnoseDelivery({
      ...input,
      headers: { ...input.headers, 'webhook-signature': 'sha256=abc' },
    });
    expect(diagnosis.reason).toMatch(/no v1 entry/);
  });

  it('reports a body that verifies but is not a b.well event with the parse error code', async () => {
    const diagnosis = await diagnoseDelivery(delivery('{"resourceType":"Patient"}'));
    expect(diagnosis).toMatchObject({ ok: false, code: 'not_a_message', id: 'msg_1' });
    expect(diagnosis.reason).toMatch(/^signature valid, but the body is not a b.well event/);
  });

  it('reports a body over the cap', async () => {
    const diagnosis = await diagnoseDelivery(delivery(compact, { maxBytes: 10 }));
    expect(diagnosis).toMatchObject({ ok: false, code: 'payload_too_large' });
  });

  it('recognises a body handed over base64-encoded, as AWS Lambda does with isBase64Encoded', async () => {
    for (const body of [btoa(compact), `${btoa(compact)}\n`, Buffer.from(compact).toString('base64url')]) {
      const diagnosis = await diagnoseDelivery({ ...delivery(compact), body: encode(body) });
      expect(diagnosis).toMatchObject({ ok: false, code: 'no_matching_signature', id: 'msg_1' });
      expect(diagnosis.reason).toBe(
        'the body is base64-encoded: the signature matches its base64 decoding, not the bytes given',
      );
      expect(diagnosis.hint).toContain('event.isBase64Encoded');
    }
  });

  it('recognises a base64 body behind clock skew too', async () => {
    const diagnosis = await diagnoseDelivery({
      ...delivery(compact, { now: (T + 3600) * 1000 }),
      body: encode(btoa(compact)),
    });
    expect(diagnosis.code).toBe('timestamp_too_old');
    expect(diagnosis.reason).toMatch(/in the past .*, and the body is base64-encoded/);
  });

  it('does not call base64 a body whose decoding does not match either', async () => {
    const diagnosis = await diagnoseDelivery({ ...delivery(compact), body: encode(btoa(pretty)) });
    expect(diagnosis.reason).toMatch(/^no signature matched/);
  });

  it('gives the captured webhook-id with every failure', async () => {
    const diagnosis = await diagnoseDelivery({ ...delivery(compact), secret: `whsec_${'A'.repeat(32)}` });
    expect(diagnosis).toMatchObject({ ok: false, id: 'msg_1' });
    expect(tooLarge({ 'webhook-id': 'msg_2' }, 10)).toMatchObject({ code: 'payload_too_large', id: 'msg_2' });
    expect(tooLarge({}, 10)).not.toHaveProperty('id');
  });

  it('never puts the secret in what it returns', async () => {
    const results = await Promise.all([
      diagnoseDelivery(delivery(compact)),
      diagnoseDelivery({ ...delivery(compact), body: encode(pretty) }),
      diagnoseDelivery(delivery(compact, {}, new Webhook(encode(SECRET), { format: 'raw' }))),
    ]);
    expect(JSON.stringify(results)).not.toContain(SECRET.slice(6));
  });
});

describe('bodyVariants', () => {
  it('offers the newline variants before compact and indented JSON, never the body itself', () => {
    const names = bodyVariants(encode(pretty)).map((variant) => variant.name);
    expect(names).toEqual(['with a trailing newline', 'compact JSON (JSON.stringify)', 'JSON indented by 4 spaces']);
  });

  it('offers only the whitespace variants for a body that is not JSON', () => {
    expect(bodyVariants(encode('not json\r\n')).map((variant) => variant.name)).toEqual([
      'without its trailing newline',
      'with a trailing newline',
      'with CRLF line ends turned into LF',
    ]);
  });
});

describe('base64Decoded', () => {
  it('decodes standard and URL-safe base64, padded or not, across line breaks', () => {
    const bytes = (text: string) => new TextDecoder().decode(base64Decoded(encode(text)));
    expect(bytes(btoa('{"a":1}'))).toBe('{"a":1}');
    expect(bytes(btoa('{"a":1}').replace(/=+$/, ''))).toBe('{"a":1}');
    expect(bytes('eyJh\r\nIjox\nfQ==\n')).toBe('{"a":1}');
    expect(bytes(Buffer.from('\xff\xfe?>').toString('base64url'))).toBe('\xff\xfe?>');
  });

  it('refuses what is not base64', () => {
    for (const text of ['{"a":1}', 'abc', 'abcde', 'ab+c-d==', 'abcd=e==', '']) {
      expect(base64Decoded(encode(text))).toBeUndefined();
    }
  });
});
