// The catalogue of named bad inputs (issue 6), part 1: bodies. Each gets one exact outcome, through the
// layer a user meets it in (parseEvent, verifySignature, verifyEvent, the Fetch handler).
import { describe, expect, it } from 'vitest';
import { createWebhookHandler, parseEvent, verifyEvent, verifySignature } from '../../src/index.js';
import { buildDataExportCompleted } from '../../src/testing/index.js';
import { at, errorOf, SECRET, signedAt, T0, VALID as valid } from './helpers.js';

describe('an empty body', () => {
  it('is invalid_json, as a string and as bytes', () => {
    expect(errorOf(() => parseEvent(''))).toMatchObject({ code: 'invalid_json', pointer: undefined });
    expect(errorOf(() => parseEvent(new Uint8Array(0)))).toMatchObject({ code: 'invalid_json' });
  });

  it('verifies when it was signed (the signature covers zero bytes), and then fails to parse', async () => {
    const headers = await signedAt('', T0);
    await expect(verifySignature({ payload: '', headers, secret: SECRET, now: at(T0) })).resolves.toMatchObject({});
    const error = await verifyEvent({ payload: '', headers, secret: SECRET, now: at(T0) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_json' });
  });

  it('gets 400 from the handler, and the handler for the event never runs', async () => {
    let ran = false;
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => at(T0),
      ignore: ['data-export-completed'],
      on: {
        'user-delete-completed': () => {
          ran = true;
        },
      },
    });
    const response = await handler(post('', await signedAt('', T0)));
    expect([response.status, ran]).toEqual([400, false]);
  });
});

describe('a byte order mark', () => {
  const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
  const withBom = new Uint8Array([...bom, ...new TextEncoder().encode(valid)]);

  it('is ignored at the start, in bytes and in a string (RFC 8259 section 8.1)', () => {
    expect(parseEvent(withBom)).toEqual(parseEvent(valid));
    expect(parseEvent(`\uFEFF${valid}`)).toEqual(parseEvent(valid));
  });

  it('is covered by the signature: the bytes as sent verify, the body without it does not', async () => {
    const headers = await signedAt(withBom, T0);
    const event = await verifyEvent({ payload: withBom, headers, secret: SECRET, now: at(T0) });
    expect(event.type).toBe('user-delete-completed');
    const error = await verifySignature({ payload: valid, headers, secret: SECRET, now: at(T0) }).catch((e) => e);
    expect(error).toMatchObject({ code: 'no_matching_signature' });
  });

  it('is invalid_json anywhere else', () => {
    expect(errorOf(() => parseEvent(`\uFEFF\uFEFF${valid}`))).toMatchObject({ code: 'invalid_json' });
    expect(errorOf(() => parseEvent(valid.replace('"id"', '\uFEFF"id"')))).toMatchObject({ code: 'invalid_json' });
  });
});

describe('huge numbers', () => {
  it('are refused as an id with invalid_field at the id', () => {
    const body = valid.replace('"id":"mh-user-delete-completed"', '"id":1e400');
    expect(body).not.toBe(valid);
    expect(errorOf(() => parseEvent(body))).toMatchObject({ code: 'invalid_field', pointer: '/id' });
  });

  it('are refused where JSON.parse turns them into Infinity, with the pointer', () => {
    const body = valid.replace('"focus":', '"count":1e400,"focus":');
    expect(errorOf(() => parseEvent(body))).toMatchObject({ code: 'invalid_field', pointer: '/count' });
  });

  it('are refused as an Identifier value, which must be a string', () => {
    const body = valid.replace('"value":"a5ddab6d-24b0-4e52-a99d-f33263db5997"', `"value":${'9'.repeat(400)}`);
    expect(errorOf(() => parseEvent(body))).toMatchObject({
      code: 'invalid_field',
      pointer: '/extension/0/valueIdentifier/value',
    });
  });

  it('are not_a_message as a whole body of 100,000 digits, and the message stays short', () => {
    const error = errorOf(() => parseEvent('9'.repeat(100_000)));
    expect(error).toMatchObject({ code: 'not_a_message', pointer: '' });
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('10,000-deep nesting', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('is not_a_message as a whole body', () => {
    expect(errorOf(() => parseEvent(deep(10_000)))).toMatchObject({ code: 'not_a_message', pointer: '' });
  });

  it('is invalid_field inside a message, without overflowing the stack', () => {
    const body = valid.replace('"focus":', `"nested":${deep(10_000)},"focus":`);
    const error = errorOf(() => parseEvent(body));
    expect(error.code).toBe('invalid_field');
    expect(error.pointer?.startsWith('/nested/0/0/0')).toBe(true);
  });

  it('is refused with a WebhookError at 100,000 levels too', () => {
    const body = valid.replace('"focus":', `"nested":${deep(100_000)},"focus":`);
    expect(errorOf(() => parseEvent(body)).code).toBe('invalid_field');
  });
});

describe('a data-export event pointing somewhere else', () => {
  it('is invalid_field for a download URL that is not https, so a receiver never fetches http or javascript: URLs', () => {
    for (const downloadUrl of ['http://icanbwell.com/x.zip', 'javascript:alert(1)', 'file:///etc/passwd']) {
      const body = JSON.stringify(buildDataExportCompleted({ shape: 'header', downloadUrl }));
      expect(errorOf(() => parseEvent(body)).code).toBe('invalid_field');
    }
  });
});

function post(body: BodyInit, headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1/webhook', { method: 'POST', body, headers });
}
