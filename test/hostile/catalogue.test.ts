// The catalogue of named bad inputs (issue 6): each gets one exact, documented outcome, through the layer a
// user would meet it in (parseEvent, verifySignature, the Fetch handler, the Node listener).
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  createWebhookHandler,
  isWebhookError,
  parseEvent,
  signPayload,
  verifyEvent,
  verifySignature,
} from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { buildDataExportCompleted, buildUserDeleteCompleted } from '../../src/testing/index.js';
import { errorOf, SECRET, signedAt, T0 } from './helpers.js';

const valid = JSON.stringify(buildUserDeleteCompleted({ shape: 'header' }));
const at = (seconds: number) => seconds * 1000;

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

describe('a 100 MB body', () => {
  const CHUNK = 64 * 1024;
  const TOTAL = 100 * 1024 * 1024;
  // A body made lazily, one chunk per pull: `pulled` tells how much of it the receiver asked for.
  function lazyBody() {
    const state = { pulled: 0 };
    const chunk = new Uint8Array(CHUNK).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (state.pulled >= TOTAL) return controller.close();
        state.pulled += CHUNK;
        controller.enqueue(chunk);
      },
    });
    return { stream, state };
  }

  it('gets 413 from the Fetch handler, which stops reading at the 1 MiB cap', async () => {
    const { stream, state } = lazyBody();
    const handler = createWebhookHandler({ secret: SECRET, on: {} });
    const headers = await signedAt(valid, Math.floor(Date.now() / 1000));
    const request = new Request('http://127.0.0.1/webhook', {
      method: 'POST',
      body: stream,
      headers,
      duplex: 'half',
    } as RequestInit);
    const response = await handler(request);
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(1024 * 1024 + 4 * CHUNK);
  });

  it('gets 413 from the Node listener (bwell-webhooks/node), streamed over a real socket, without reading it all', async () => {
    const server = createServer(toNodeListener({ secret: SECRET, on: {} }));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    let sent = 0;
    try {
      const headers = await signedAt(valid, Math.floor(Date.now() / 1000));
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/webhook', headers });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        // After the answer the server may close the socket mid-upload: that is the point, not a failure.
        req.on('error', (error) => (sent < TOTAL && sent > 0 ? undefined : reject(error)));
        const chunk = Buffer.alloc(CHUNK, 0x20);
        const write = () => {
          while (sent < TOTAL && !req.destroyed) {
            sent += CHUNK;
            if (!req.write(chunk)) return void req.once('drain', write);
          }
          if (!req.destroyed) req.end();
        };
        write();
      });
      expect(status).toBe(413);
      // The body did cross the cap, and the client could not send much more once the server closed:
      // a few MB of socket buffers, never the 100 MB.
      expect(sent).toBeGreaterThan(1024 * 1024);
      expect(sent).toBeLessThan(16 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('header injection', () => {
  it('is invalid_header when an id or timestamp carries CR LF and a forged header', async () => {
    const headers = await signedAt(valid, T0);
    for (const name of ['webhook-id', 'webhook-timestamp'] as const) {
      const forged = { ...headers, [name]: `${headers[name]}\r\nx-forwarded-for: 10.0.0.1` };
      const error = await verifySignature({ payload: valid, headers: forged, secret: SECRET, now: at(T0) }).catch(
        (e) => e,
      );
      expect(error).toMatchObject({ code: 'invalid_header' });
    }
  });

  it('is no_matching_signature when the signature header carries CR LF after a valid entry', async () => {
    const headers = await signedAt(valid, T0);
    const forged = { ...headers, 'webhook-signature': `${headers['webhook-signature']}\r\nx-admin: 1` };
    const error = await verifySignature({ payload: valid, headers: forged, secret: SECRET, now: at(T0) }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'no_matching_signature' });
  });

  it('is stopped by the platform before us in Fetch Headers (a TypeError of the runtime, not ours)', () => {
    expect(() => new Headers({ 'webhook-id': 'msg_1\r\nx-admin: 1' })).toThrow(TypeError);
  });
});

describe('duplicate headers', () => {
  it('are invalid_header when Node hands over two different ids', async () => {
    const headers = await signedAt(valid, T0);
    const twice = { ...headers, 'webhook-id': [headers['webhook-id'], 'msg_other'] };
    const error = await verifySignature({ payload: valid, headers: twice, secret: SECRET, now: at(T0) }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'invalid_header' });
  });

  it('verify when the repeated value is the same', async () => {
    const headers = await signedAt(valid, T0);
    const twice = { ...headers, 'webhook-id': [headers['webhook-id'], headers['webhook-id']] };
    await expect(
      verifySignature({ payload: valid, headers: twice, secret: SECRET, now: at(T0) }),
    ).resolves.toMatchObject({
      id: headers['webhook-id'],
    });
  });

  it('are invalid_header when names differ only in case, or a svix-* alias disagrees', async () => {
    const headers = await signedAt(valid, T0);
    for (const extra of [
      { 'Webhook-Id': 'msg_other' },
      { 'svix-id': 'msg_other' },
      { 'svix-timestamp': String(T0 + 1) },
    ]) {
      const error = await verifySignature({
        payload: valid,
        headers: { ...headers, ...extra },
        secret: SECRET,
        now: at(T0),
      }).catch((e) => e);
      expect(error).toMatchObject({ code: 'invalid_header' });
    }
  });

  it('are invalid_header when Fetch joins a repeated signature header with ", "', async () => {
    const headers = new Headers(await signedAt(valid, T0));
    headers.append(
      'webhook-signature',
      (await signedAt(valid, T0, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))['webhook-signature'],
    );
    const error = await verifySignature({ payload: valid, headers, secret: SECRET, now: at(T0) }).catch((e) => e);
    expect(error).toMatchObject({ code: 'invalid_header' });
  });
});

describe('unicode in ids', () => {
  it('is invalid_header in webhook-id (ids are visible ASCII)', async () => {
    const headers = await signedAt(valid, T0);
    for (const id of ['msg_ü', 'msg_😀', 'msg\u00a0x', 'msg_\u202eevil']) {
      const error = await verifySignature({
        payload: valid,
        headers: { ...headers, 'webhook-id': id },
        secret: SECRET,
        now: at(T0),
      }).catch((e) => e);
      expect(error).toMatchObject({ code: 'invalid_header' });
    }
  });

  it('cannot be signed into webhook-id either (a TypeError for the sender)', async () => {
    await expect(signPayload({ payload: valid, secret: SECRET, id: 'msg_ü' })).rejects.toThrow(TypeError);
  });

  it('is invalid_field in a FHIR id, with its pointer', () => {
    const body = valid.replace('"id":"mh-user-delete-completed"', '"id":"mh-ü"');
    expect(errorOf(() => parseEvent(body))).toMatchObject({ code: 'invalid_field', pointer: '/id' });
  });

  it('is invalid_field in the focused Person id, including full-width digits that look like 789', () => {
    for (const person of ['Person/ü', 'Person/７８９']) {
      const body = valid.replace('"Person/789"', JSON.stringify(person));
      expect(errorOf(() => parseEvent(body))).toMatchObject({ code: 'invalid_field', pointer: '/focus/0/reference' });
    }
  });

  it('is kept exactly (not normalised) in an external identifier, where FHIR allows any string', () => {
    const externalId = 'Jose\u0301-👩‍⚕️-José';
    const event = parseEvent(JSON.stringify(buildUserDeleteCompleted({ shape: 'header', externalId })));
    expect(event.type === 'user-delete-completed' && event.externalIdentifier?.value).toBe(externalId);
  });
});

describe('a whsec_ secret with whitespace', () => {
  const cases = {
    'a trailing newline': `${SECRET}\n`,
    'a leading space': ` ${SECRET}`,
    'an inner space': SECRET.replace('_', '_ '),
  };

  for (const [name, secret] of Object.entries(cases)) {
    it(`is a TypeError naming the whitespace, not quoting the secret, for ${name}`, async () => {
      const headers = await signedAt(valid, T0);
      const error = await verifySignature({ payload: valid, headers, secret, now: at(T0) }).catch((e) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(isWebhookError(error)).toBe(false);
      expect(error.message).toMatch(/whitespace/);
      expect(error.message).not.toContain(SECRET.slice(6, 16));
    });
  }

  it('is refused when the handler is created, not at the first delivery', () => {
    expect(() => createWebhookHandler({ secret: `${SECRET}\n`, on: {} })).toThrow(/whitespace/);
  });
});

describe('a Stripe-style stripe-signature header', () => {
  const stripe = `t=${T0},v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd`;

  it('alone is missing_header: Stripe signatures are not accepted under another name', async () => {
    const error = await verifySignature({
      payload: valid,
      headers: { 'stripe-signature': stripe },
      secret: SECRET,
      now: at(T0),
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'missing_header' });
  });

  it('in webhook-signature is no_matching_signature (an entry of no known version is skipped)', async () => {
    const headers = { ...(await signedAt(valid, T0)), 'webhook-signature': stripe };
    const error = await verifySignature({ payload: valid, headers, secret: SECRET, now: at(T0) }).catch((e) => e);
    expect(error).toMatchObject({ code: 'no_matching_signature' });
  });

  it('next to valid Standard Webhooks headers is ignored', async () => {
    const headers = { ...(await signedAt(valid, T0)), 'stripe-signature': stripe };
    await expect(verifySignature({ payload: valid, headers, secret: SECRET, now: at(T0) })).resolves.toMatchObject({
      version: 'v1',
    });
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
