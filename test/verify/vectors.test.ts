import { describe, expect, it } from 'vitest';
import { WebhookError } from '../../src/errors.js';
import { signPayload } from '../../src/sign/sign-payload.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import vectors from './fixtures/standard-webhooks-vectors.json' with { type: 'json' };

// The reference libraries' messages, mapped onto our codes.
const CODES: Record<string, string> = {
  'No matching signature found': 'no_matching_signature',
  'Missing required headers': 'missing_header',
  'Invalid Signature Headers': 'invalid_header',
  'Message timestamp too old': 'timestamp_too_old',
  'Message timestamp too new': 'timestamp_too_new',
};

interface Vector {
  readonly payload?: string;
  readonly payload_generator?: { readonly repeat: string; readonly count: number };
}
const payloadOf = (vector: Vector) =>
  vector.payload ??
  (vector.payload_generator as NonNullable<Vector['payload_generator']>).repeat.repeat(
    (vector.payload_generator as NonNullable<Vector['payload_generator']>).count,
  );

describe('Standard Webhooks sign vectors', () => {
  it.each(vectors.sign_vectors)('signPayload reproduces $id', async (vector) => {
    const secret = 'secret_key' in vector ? vector.secret_key : vector.secret;
    const headers = await signPayload({
      payload: payloadOf(vector),
      secret,
      id: vector.msg_id,
      timestamp: vector.timestamp,
    });
    expect(headers).toEqual({
      'webhook-id': vector.msg_id,
      'webhook-timestamp': String(vector.timestamp),
      'webhook-signature': vector.expected_signature,
    });
  });

  it.each(vectors.sign_vectors)('verifySignature accepts $id', async (vector) => {
    const secret = 'public_key' in vector ? vector.public_key : vector.secret;
    const delivery = await verifySignature({
      payload: payloadOf(vector),
      headers: {
        'webhook-id': vector.msg_id,
        'webhook-timestamp': String(vector.timestamp),
        'webhook-signature': vector.expected_signature,
      },
      secret,
      now: vector.timestamp * 1000,
    });
    expect(delivery).toEqual({ id: vector.msg_id, timestamp: vector.timestamp, version: vector.scheme, keyIndex: 0 });
  });
});

describe('Standard Webhooks verify vectors', () => {
  for (const vector of vectors.verify_vectors) {
    const secret = 'public_key' in vector ? vector.public_key : vector.secret;
    const options = {
      payload: vector.payload,
      headers: vector.headers,
      secret: secret as string,
      now: vector.now * 1000,
    };
    if (vector.expect === 'valid') {
      it(`accepts ${vector.id}`, async () => {
        const delivery = await verifySignature(options);
        expect(delivery.timestamp).toBe(Number(Object.values(vector.headers)[1]));
      });
    } else {
      const code = 'expected_error' in vector ? CODES[vector.expected_error as string] : 'no_matching_signature';
      it(`rejects ${vector.id} with ${code}`, async () => {
        const error = await verifySignature(options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WebhookError);
        expect((error as WebhookError).code).toBe(code);
      });
    }
  }

  it('accepts the v1a entry of a mixed header with the whpk_ public key alone', async () => {
    const vector = vectors.verify_vectors.find(
      (v) => v.id === 'valid-v1-and-v1a-together',
    ) as (typeof vectors.verify_vectors)[number];
    const delivery = await verifySignature({
      payload: vector.payload,
      headers: vector.headers,
      secret: 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=',
      now: vector.now * 1000,
    });
    expect(delivery.version).toBe('v1a');
  });
});

describe('Standard Webhooks secret parsing cases', () => {
  const [reference] = vectors.sign_vectors as [(typeof vectors.sign_vectors)[number]];
  const sign = (secret: string) =>
    signPayload({ payload: reference.payload as string, secret, id: reference.msg_id, timestamp: reference.timestamp });

  it.each(['', 'whsec_'])('refuses the empty secret %j with a TypeError', async (secret) => {
    await expect(sign(secret)).rejects.toThrow(TypeError);
    await expect(verifySignature({ payload: '{}', headers: {}, secret })).rejects.toThrow(/secret is empty/);
  });

  it.each([
    ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='],
    ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS', 'v1,LVOXivKoo4FWasi/IaHvzhE/u+7/cu2AME+zS/nXqzk='],
    ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr', 'v1,yK2tMbA6BHPrMEJ1lLv7UlJJbgFoqGenJkiajZ29evg='],
  ])('reads the secret %s as the Python reference does, padding optional', async (secret, signature) => {
    expect((await sign(secret))['webhook-signature']).toBe(signature);
  });

  it.each(vectors.sign_input_validation)('refuses to sign with the timestamp $timestamp', async ({ timestamp }) => {
    await expect(
      signPayload({ payload: '{}', secret: reference.secret as string, timestamp: timestamp as unknown as number }),
    ).rejects.toThrow(TypeError);
  });

  it.each(vectors.sign_input_validation)(
    'refuses the timestamp header $timestamp as invalid_header',
    async ({ timestamp }) => {
      const error = await verifySignature({
        payload: reference.payload as string,
        headers: {
          'webhook-id': 'msg_1',
          'webhook-timestamp': timestamp,
          'webhook-signature': reference.expected_signature,
        },
        secret: reference.secret as string,
      }).catch((caught: unknown) => caught);
      expect((error as WebhookError).code).toBe('invalid_header');
    },
  );
});
