// `./your-handler.js` of docs/verifying.md: the reader's code that acts on a verified event. This stand-in
// records what it was given in `calls`, which the snippet tests read.
import type { WebhookEvent } from 'bwell-webhooks';

export const calls: string[] = [];

/** Acts on a verified event. */
export async function handle(event: WebhookEvent): Promise<void> {
  calls.push(`handle ${event.type}`);
}
