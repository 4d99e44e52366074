// `./your-handler.js` of docs/verifying.md: the reader's code that acts on a verified event. This stand-in
// records what it was given in `calls`, which the snippet tests read.
import type { EventHandlers, WebhookEvent } from 'bwell-webhooks';

export const calls: string[] = [];

/** Acts on a verified event. */
export async function handle(event: WebhookEvent): Promise<void> {
  calls.push(`handle ${event.type}`);
}

/** A handler for every event the SDK knows, for the snippets that are about something else. */
export const handlers: EventHandlers = {
  'user-delete-completed': (event) => handle(event),
  'data-export-completed': (event) => handle(event),
};
