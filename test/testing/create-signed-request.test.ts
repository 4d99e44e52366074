import { describe, expect, it } from 'vitest';
import { parseEvent, verifySignature } from '../../src/index.js';
import { buildDataExportCompleted, createSignedRequest } from '../../src/testing/index.js';
import { SECRET } from '../receive/status-table.js';

describe('createSignedRequest', () => {
  it('builds a POST whose signature verifies over exactly the body it carries', async () => {
    const payload = buildDataExportCompleted();
    const request = await createSignedRequest({ payload, secret: SECRET, id: 'msg_1', timestamp: 1_700_000_000 });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://localhost/webhook');
    expect(request.headers.get('content-type')).toBe('application/fhir+json');
    const body = await request.text();
    expect(JSON.parse(body)).toEqual(payload);
    const delivery = await verifySignature({
      payload: body,
      headers: request.headers,
      secret: SECRET,
      now: 1_700_000_000_000,
    });
    expect(delivery).toMatchObject({ id: 'msg_1', timestamp: 1_700_000_000 });
  });

  it('sends a raw string or bytes unchanged', async () => {
    const text = '{ "not": "re-serialised" }';
    const fromText = await createSignedRequest({ payload: text, secret: SECRET });
    expect(await fromText.text()).toBe(text);
    const bytes = new TextEncoder().encode(text);
    const fromBytes = await createSignedRequest({ payload: bytes, secret: SECRET });
    expect(await fromBytes.text()).toBe(text);
    await verifySignature({ payload: text, headers: fromBytes.headers, secret: SECRET });
  });

  it('sends the Bundle or MessageHeader of a parsed event', async () => {
    const event = parseEvent(buildDataExportCompleted({ id: 'bundle-7' }));
    const request = await createSignedRequest({ event, secret: SECRET, url: 'https://receiver.example/hooks' });
    expect(request.url).toBe('https://receiver.example/hooks');
    expect(JSON.parse(await request.text())).toMatchObject({ resourceType: 'Bundle', id: 'bundle-7' });
  });

  it('lets extra headers override the signed ones, to test tampering', async () => {
    const request = await createSignedRequest({
      payload: '{}',
      secret: SECRET,
      headers: { 'webhook-signature': 'v1,AAAA', 'x-extra': 'yes' },
    });
    expect(request.headers.get('webhook-signature')).toBe('v1,AAAA');
    expect(request.headers.get('x-extra')).toBe('yes');
  });

  it('gives each request a new webhook-id unless told one', async () => {
    const ids = await Promise.all(
      [1, 2].map(async () => (await createSignedRequest({ payload: '{}', secret: SECRET })).headers.get('webhook-id')),
    );
    expect(ids[0]).not.toBe(ids[1]);
  });
});
