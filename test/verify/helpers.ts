// Shared fixtures for the verify and sign tests: one signed delivery, frozen in time.
import { WebhookError } from '../../src/errors.js';

export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const OTHER_SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
export const PUBLIC_KEY = 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=';
export const SIGNING_KEY =
  'whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==';
export const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
export const TIMESTAMP = 1614265330;
export const NOW = TIMESTAMP * 1000;
export const PAYLOAD = '{"test": 2432232314}';
export const V1 = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
export const V1A = 'v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==';
export const HEADERS = { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP), 'webhook-signature': V1 };

/** The WebhookError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<WebhookError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof WebhookError)) throw new Error(`expected a WebhookError, got ${String(error)}`);
  return error;
}
