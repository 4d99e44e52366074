// The catalogue of named bad inputs (issue 6), part 3: headers and secrets. Each gets one exact outcome.
import { describe, expect, it } from 'vitest';
import { createWebhookHandler, isWebhookError, parseEvent, signPayload, verifySignature } from '../../src/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { IGNORE_ALL } from '../receive/status-table.js';
import { at, errorOf, SECRET, signedAt, T0, VALID as valid } from './helpers.js';

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

  it('is a format issue in a FHIR id, with its pointer (refused under validation: strict)', () => {
    const body = valid.replace('"id":"mh-user-delete-completed"', '"id":"mh-ü"');
    expect(parseEvent(body).issues).toMatchObject([{ rule: 'format', pointer: '/id' }]);
    const strict = errorOf(() => parseEvent(body, { validation: 'strict' }));
    expect(strict).toMatchObject({ code: 'nonconformant_message', pointer: '/id' });
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
    expect(() => createWebhookHandler({ secret: `${SECRET}\n`, ...IGNORE_ALL })).toThrow(/whitespace/);
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
