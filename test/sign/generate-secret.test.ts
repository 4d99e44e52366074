import { describe, expect, it } from 'vitest';
import { generateSecret } from '../../src/sign/generate-secret.js';
import { signPayload } from '../../src/sign/sign-payload.js';
import { verifySignature } from '../../src/verify/verify-signature.js';
import { PAYLOAD } from '../verify/helpers.js';

describe('generateSecret', () => {
  it('returns whsec_ and 32 random bytes in base64, different every time', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(a.slice(6))).toHaveLength(32);
    expect(generateSecret()).not.toBe(a);
  });

  it('returns a secret that signs and verifies', async () => {
    const secret = generateSecret();
    const headers = await signPayload({ payload: PAYLOAD, secret });
    await expect(verifySignature({ payload: PAYLOAD, headers, secret })).resolves.toMatchObject({ version: 'v1' });
  });
});
