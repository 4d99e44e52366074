// Distinct signed deliveries for the receiver benchmark: a b.well user-delete-completed Bundle of about 740
// bytes, each with its own webhook-id and Bundle.id, signed as b.well signs (Standard Webhooks, HMAC-SHA256).
import { createHmac } from 'node:crypto';
import { buildUserDeleteCompleted } from '../../dist/testing/index.js';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const key = Buffer.from(SECRET.slice(6), 'base64');
const ID = 'bundle-0000000000';
const base = buildUserDeleteCompleted({ id: ID, externalId: 'user-12345' });
const pad = (n) => JSON.stringify({ ...base, meta: { tag: [{ system: 'urn:bench', code: 'x'.repeat(n) }] } });
const TARGET = 740;
const template = pad(TARGET - pad(0).length);
const [head, tail] = template.split(ID);
export const PAYLOAD_BYTES = Buffer.byteLength(template);

let counter = 0;

/** A fresh delivery: body and headers, never sent before in this process. */
export function nextDelivery() {
  counter++;
  const id = `bundle-${String(counter).padStart(10, '0')}`;
  const body = `${head}${id}${tail}`;
  const webhookId = `msg_${process.pid}_${counter}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
  return {
    body,
    headers: {
      'content-type': 'application/fhir+json',
      'webhook-id': webhookId,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
    },
  };
}
