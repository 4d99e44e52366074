import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebhookError } from '../../src/errors.js';
import { signPayload } from '../../src/sign/sign-payload.js';
import { type VerifySignatureOptions, verifySignature } from '../../src/verify/verify-signature.js';
import { HEADERS, NOW, PAYLOAD, SECRET, SIGNING_KEY, V1 } from './helpers.js';

const PUBLIC = 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=';
const part = fc.constantFrom('payload', 'webhook-id', 'webhook-timestamp', 'webhook-signature');
const delivery = fc.record({
  payload: fc.uint8Array({ minLength: 1, maxLength: 512 }),
  id: fc.stringMatching(/^[\x21-\x7e]{1,40}$/),
  timestamp: fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
  part,
  position: fc.nat(),
  delta: fc.integer({ min: 1, max: 255 }),
});

// Changes one byte (or one character) of the chosen part, never leaving it as it was.
function tamper(text: string, position: number, delta: number): string {
  const at = position % text.length;
  return text.slice(0, at) + String.fromCharCode((text.charCodeAt(at) + delta) % 256) + text.slice(at + 1);
}

describe.each([
  ['v1 (HMAC-SHA256)', SECRET, SECRET],
  ['v1a (Ed25519)', SIGNING_KEY, PUBLIC],
])('a delivery signed %s', (_, signingSecret, verifyingSecret) => {
  it('is rejected after any single-byte change to its body, id, timestamp or signature', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async ({ payload, id, timestamp, part, position, delta }) => {
        const headers: Record<string, string> = await signPayload({ payload, secret: signingSecret, id, timestamp });
        const options = { payload, headers, secret: verifyingSecret, now: timestamp * 1000 };
        // The untouched delivery verifies: otherwise the rejection below would prove nothing.
        await expect(verifySignature(options)).resolves.toMatchObject({ id, timestamp });
        if (part === 'payload') {
          const changed = payload.slice();
          const at = position % changed.length;
          changed[at] = ((changed[at] as number) + delta) % 256;
          options.payload = changed;
        } else {
          // Signatures are changed after their version prefix, where a change cannot just rename the version.
          const skip = part === 'webhook-signature' ? (headers[part] as string).indexOf(',') + 1 : 0;
          const value = headers[part] as string;
          options.headers = { ...headers, [part]: value.slice(0, skip) + tamper(value.slice(skip), position, delta) };
        }
        const error = await verifySignature(options).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WebhookError);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the official v1 vector', () => {
  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
  // A tolerance wide enough that a changed timestamp is refused by its signature, not by the clock.
  const base = { payload: PAYLOAD, headers: HEADERS, secret: SECRET, now: NOW, toleranceSeconds: 1e10 };

  async function refusedVariants(variants: Iterable<Partial<VerifySignatureOptions>>): Promise<number> {
    let count = 0;
    for (const variant of variants) {
      const error = await verifySignature({ ...base, ...variant }).catch((caught: unknown) => caught);
      if (!(error instanceof WebhookError)) throw new Error(`accepted ${JSON.stringify(variant)}`);
      count++;
    }
    return count;
  }

  function* replacements(text: string, alphabet: string) {
    for (let at = 0; at < text.length; at++) {
      for (const char of alphabet) if (char !== text[at]) yield text.slice(0, at) + char + text.slice(at + 1);
    }
  }

  it('is rejected after every change of one base64 character of its signature, padding bits included', async () => {
    const texts = replacements(V1.slice(3), BASE64);
    const variants = (function* () {
      for (const text of texts) yield { headers: { ...HEADERS, 'webhook-signature': `v1,${text}` } };
    })();
    expect(await refusedVariants(variants)).toBe(44 * 64);
  });

  it('is rejected after every change of one byte of its body', async () => {
    const bytes = new TextEncoder().encode(PAYLOAD);
    const variants = (function* () {
      for (let at = 0; at < bytes.length; at++) {
        for (let delta = 1; delta < 256; delta++) {
          const payload = bytes.slice();
          payload[at] = ((payload[at] as number) + delta) % 256;
          yield { payload };
        }
      }
    })();
    expect(await refusedVariants(variants)).toBe(bytes.length * 255);
  });

  it('is rejected after every change of one character of its id or timestamp', async () => {
    const visible = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
    const variants = (function* () {
      for (const id of replacements(HEADERS['webhook-id'], visible))
        yield { headers: { ...HEADERS, 'webhook-id': id } };
      for (const timestamp of replacements(HEADERS['webhook-timestamp'], '0123456789')) {
        yield { headers: { ...HEADERS, 'webhook-timestamp': timestamp } };
      }
    })();
    expect(await refusedVariants(variants)).toBe(HEADERS['webhook-id'].length * 93 + 10 * 9);
  });
});
