import type { IncomingHttpHeaders } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import {
  githubSignatureScheme,
  type HeadersInput,
  type SignatureScheme,
  type SignedHeaders,
  signPayload,
  type VerifiedDelivery,
  verifyEvent,
  verifySignature,
  type WebhookEvent,
} from '../../src/index.js';

declare const incoming: IncomingHttpHeaders;
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('verify and sign types', () => {
  it('take Fetch Headers, Node IncomingHttpHeaders and plain records as headers', () => {
    expectTypeOf(incoming).toExtend<HeadersInput>();
    expectTypeOf(new Headers()).toExtend<HeadersInput>();
    expectTypeOf({ 'webhook-id': 'msg_1', 'x-list': ['a', 'b'] }).toExtend<HeadersInput>();
  });

  it('resolve verifySignature with a VerifiedDelivery and verifyEvent with a WebhookEvent', () => {
    expectTypeOf(verifySignature({ payload: '', headers: incoming, secret })).toEqualTypeOf<
      Promise<VerifiedDelivery>
    >();
    expectTypeOf(verifyEvent({ payload: '', headers: incoming, secret, strict: true })).toEqualTypeOf<
      Promise<WebhookEvent>
    >();
    expectTypeOf<VerifiedDelivery['timestamp']>().toEqualTypeOf<number>();
  });

  it('refuse a parsed body and a secret of the wrong type at compile time', () => {
    // @ts-expect-error: the raw body, never a parsed object
    void verifySignature({ payload: { resourceType: 'Bundle' }, headers: incoming, secret });
    // @ts-expect-error: a secret is a string or bytes
    void verifySignature({ payload: '', headers: incoming, secret: 42 });
  });

  it('accept a secret list, a tolerance pair and a scheme', () => {
    const scheme: SignatureScheme = githubSignatureScheme({ algorithm: 'SHA-512' });
    void verifySignature({
      payload: new Uint8Array(),
      headers: incoming,
      secret: [secret, new Uint8Array(32)],
      toleranceSeconds: { past: 600, future: 5 },
      now: new Date(),
      scheme,
    });
  });

  it('return the three Standard Webhooks headers from signPayload', () => {
    expectTypeOf(signPayload({ payload: '{}', secret })).toEqualTypeOf<Promise<SignedHeaders>>();
    expectTypeOf<keyof SignedHeaders>().toEqualTypeOf<'webhook-id' | 'webhook-timestamp' | 'webhook-signature'>();
  });
});
