import { createWebhookHandler, defineEvent, type EventOf, type MessageDefinitionInput } from 'bwell-webhooks';
import { buildEvent, createSignedRequest } from 'bwell-webhooks/testing';

// 1. The MessageDefinition b.well announces, pasted as it comes (a .ts literal, so that its code is a literal type).
export const userMergeCompletedDefinition = {
  resourceType: 'MessageDefinition',
  url: 'https://icanbwell.com/fhir/MessageDefinition/user-merge-completed',
  status: 'active',
  date: '2026-12-01',
  eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
  category: 'notification',
  // The surviving Person first, then the one merged into it.
  focus: [{ code: 'Person', min: 2, max: '2' }],
  responseRequired: 'always',
} as const satisfies MessageDefinitionInput;

// 2. The event: checked against the definition (exactly two Person focus references), and typed.
export const userMergeCompleted = defineEvent({
  definition: userMergeCompletedDefinition,
  read: ({ focus }) => ({
    survivorId: focus[0]?.id ?? '',
    mergedId: focus[1]?.id ?? '',
  }),
});
export type UserMergeCompletedEvent = EventOf<typeof userMergeCompleted>;

// 3. The handler knows it: `event` is a UserMergeCompletedEvent, and a typo in the key does not compile.
export const merges: { survivorId: string; mergedId: string }[] = [];
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const webhook = createWebhookHandler({
  secret,
  events: [userMergeCompleted],
  on: {
    'user-merge-completed': (event) => {
      merges.push({ survivorId: event.survivorId, mergedId: event.mergedId });
    },
    'user-delete-completed': () => {},
  },
  // Every event the receiver knows needs a handler, or a place here.
  ignore: ['data-export-completed'],
});

// 4. Tested with the test kit: build a delivery from the definition, sign it like b.well, send it.
export async function tryIt(): Promise<Response> {
  const payload = buildEvent(userMergeCompleted, { personId: '789' });
  return webhook(await createSignedRequest({ payload, secret }));
}
