import fc from 'fast-check';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { signPayload } from '../../src/sign/sign-payload.js';
import { verifySignature } from '../../src/verify/verify-signature.js';

// Random deliveries: any text body (lone surrogates included: every side encodes them as U+FFFD), ids of
// visible ASCII, secrets of 24 to 64 bytes as the spec allows.
const delivery = fc.record({
  payload: fc.string({ unit: 'binary', maxLength: 300 }),
  id: fc.stringMatching(/^[\x21-\x7e]{1,40}$/),
  secret: fc
    .uint8Array({ minLength: 24, maxLength: 64 })
    .map((bytes) => `whsec_${btoa(String.fromCharCode(...bytes))}`),
});
// The peers parse what they verify, so what they check must be JSON.
const jsonDelivery = delivery.chain((d) => fc.json({ maxDepth: 3 }).map((payload) => ({ ...d, payload })));
const runs = { numRuns: 60 };

describe.each([
  ['standardwebhooks', StandardWebhook, 'webhook'],
  ['svix', SvixWebhook, 'svix'],
])('interoperability with %s', (_, Peer, prefix) => {
  it('verifies what the peer signs', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async ({ payload, id, secret }) => {
        const now = new Date();
        const signature = new Peer(secret).sign(id, now, payload);
        const timestamp = String(Math.floor(now.getTime() / 1000));
        const headers = {
          [`${prefix}-id`]: id,
          [`${prefix}-timestamp`]: timestamp,
          [`${prefix}-signature`]: signature,
        };
        await expect(verifySignature({ payload, headers, secret, now })).resolves.toMatchObject({ id, version: 'v1' });
      }),
      runs,
    );
  });

  it('signs what the peer verifies, and the peer refuses what another secret signed', async () => {
    await fc.assert(
      fc.asyncProperty(jsonDelivery, delivery, async ({ payload, id, secret }, other) => {
        fc.pre(other.secret !== secret);
        const headers = await signPayload({ payload, secret, id });
        expect(new Peer(secret).verify(payload, headers)).toEqual(JSON.parse(payload));
        const forged = await signPayload({ payload, secret: other.secret, id });
        expect(() => new Peer(secret).verify(payload, forged)).toThrow(/No matching signature/);
      }),
      runs,
    );
  });
});
