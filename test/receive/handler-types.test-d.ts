import type { Bundle, MessageHeader } from 'fhir/r4.js';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createWebhookHandler,
  type DataExportCompletedEvent,
  type EventHandlers,
  type UnknownEvent,
  type UserDeleteCompletedEvent,
  type WebhookError,
} from '../../src/index.js';
import { buildDataExportCompleted, buildUnknownEvent, buildUserDeleteCompleted } from '../../src/testing/index.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('createWebhookHandler types', () => {
  it('gives each handler its own event variant', () => {
    createWebhookHandler({
      secret,
      on: {
        'user-delete-completed': (event) => {
          expectTypeOf(event).toEqualTypeOf<UserDeleteCompletedEvent>();
          // @ts-expect-error: a deletion carries no download URL
          event.downloadUrl;
        },
        'data-export-completed': (event) => expectTypeOf(event).toEqualTypeOf<DataExportCompletedEvent>(),
      },
      onUnknown: (event) => expectTypeOf(event).toEqualTypeOf<UnknownEvent>(),
      onError: (error, context) => {
        expectTypeOf(error).toEqualTypeOf<WebhookError>();
        expectTypeOf(context.status).toEqualTypeOf<number>();
      },
    });
  });

  it('has exactly one key per known event type', () => {
    expectTypeOf<keyof EventHandlers>().toEqualTypeOf<'user-delete-completed' | 'data-export-completed'>();
    // @ts-expect-error: not an event b.well sends
    const on: EventHandlers = { 'user-merge-completed': () => {} };
    void on;
  });

  it('returns a Fetch handler', () => {
    expectTypeOf(createWebhookHandler({ secret })).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });
});

describe('the builders of bwell-webhooks/testing', () => {
  it('return a Bundle by default and a MessageHeader for the header shape', () => {
    expectTypeOf(buildUserDeleteCompleted()).toEqualTypeOf<Bundle>();
    expectTypeOf(buildUserDeleteCompleted({ shape: 'header' })).toEqualTypeOf<MessageHeader>();
    expectTypeOf(buildDataExportCompleted({ shape: 'bundle' })).toEqualTypeOf<Bundle>();
    expectTypeOf(buildUnknownEvent({ shape: 'header' })).toEqualTypeOf<MessageHeader>();
  });
});
