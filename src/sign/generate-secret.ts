/**
 * Making new secrets.
 *
 * @module
 */
import { base64Encode } from '../lib/bytes.js';

/**
 * Generates a fresh Standard Webhooks secret: `whsec_` followed by 32 random bytes in base64.
 *
 * @returns The secret, to share with the sender and keep out of source control.
 *
 * @example
 * ```ts
 * import { generateSecret } from 'bwell-webhooks';
 *
 * const secret = generateSecret(); // 'whsec_...' (50 characters)
 * ```
 */
export function generateSecret(): string {
  return `whsec_${base64Encode(crypto.getRandomValues(new Uint8Array(32)))}`;
}
