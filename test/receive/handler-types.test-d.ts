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
    const on = { 'user-delete-completed': () => {}, 'data-export-completed': () => {} };
    expectTypeOf(createWebhookHandler({ secret, on })).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });

  it('requires a handler for every known event unless it is ignored', () => {
    // @ts-expect-error: no handlers at all
    createWebhookHandler({ secret });
    // @ts-expect-error: data-export-completed has no handler and is not ignored
    createWebhookHandler({ secret, on: { 'user-delete-completed': () => {} } });
    createWebhookHandler({ secret, on: { 'user-delete-completed': () => {} }, ignore: ['data-export-completed'] });
    createWebhookHandler({ secret, on: {}, ignore: ['user-delete-completed', 'data-export-completed'] });
    createWebhookHandler({
      secret,
      on: { 'user-delete-completed': () => {} },
      // @ts-expect-error: not an event the SDK knows
      ignore: ['data-export-completed', 'user-merge-completed'],
    });
  });

  it('gives handlers the request by its parts, and the Fetch Request', () => {
    createWebhookHandler({
      secret,
      on: {
        'user-delete-completed': (_event, context) => {
          expectTypeOf(context.method).toEqualTypeOf<string>();
          expectTypeOf(context.url).toEqualTypeOf<string>();
          expectTypeOf(context.headers).toEqualTypeOf<Headers>();
          expectTypeOf(context.request).toEqualTypeOf<Request>();
        },
      },
      ignore: ['data-export-completed'],
    });
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
