import { describe, expectTypeOf, it } from 'vitest';
import {
  createWebhookHandler,
  type DataExportCompletedEvent,
  defineEvent,
  type EventDefinition,
  type EventOf,
  type FocusReference,
  MESSAGE_DEFINITIONS,
  type ParsedEvent,
  parseEvent,
  safeParseEvent,
  type UnknownEvent,
  type UserDeleteCompletedEvent,
  verifyEvent,
  type WebhookEvent,
} from '../../src/index.js';

const merge = defineEvent({
  definition: {
    resourceType: 'MessageDefinition',
    eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
    focus: [{ code: 'Person', min: 2, max: '2' }],
  },
  read: (message) => ({ survivorId: message.focus[0]?.id ?? '' }),
});
const split = defineEvent({
  definition: { resourceType: 'MessageDefinition', eventCoding: { code: 'user-split-completed' } },
});
type Merge = EventOf<typeof merge>;
type Split = EventOf<typeof split>;

describe('defineEvent', () => {
  it("infers the event type as the literal eventCoding.code, and read's fields", () => {
    expectTypeOf(merge).toEqualTypeOf<EventDefinition<'user-merge-completed', { survivorId: string }>>();
    expectTypeOf<Merge['type']>().toEqualTypeOf<'user-merge-completed'>();
    expectTypeOf<Merge['survivorId']>().toEqualTypeOf<string>();
    expectTypeOf<Merge['focus']>().toEqualTypeOf<readonly FocusReference[]>();
    expectTypeOf<Split['type']>().toEqualTypeOf<'user-split-completed'>();
    expectTypeOf<Split>().not.toHaveProperty('survivorId');
  });

  it('makes read-only events', () => {
    const event = {} as Merge;
    // @ts-expect-error events are read-only
    event.survivorId = 'x';
  });

  it('needs an eventCoding with a code', () => {
    // @ts-expect-error no eventCoding
    defineEvent({ definition: { resourceType: 'MessageDefinition' } });
    // @ts-expect-error not a MessageDefinition
    defineEvent({ definition: { resourceType: 'Basic', eventCoding: { code: 'x' } } });
  });

  it('types MESSAGE_DEFINITIONS by event type', () => {
    expectTypeOf(MESSAGE_DEFINITIONS).toHaveProperty('user-delete-completed');
    expectTypeOf(MESSAGE_DEFINITIONS['data-export-completed'].resourceType).toEqualTypeOf<'MessageDefinition'>();
  });
});

describe('events: [...] widens the union', () => {
  it('in parseEvent and safeParseEvent', () => {
    const event = parseEvent('{}', { events: [merge, split] });
    expectTypeOf(event).toEqualTypeOf<WebhookEvent | Merge | Split>();
    expectTypeOf(event).toEqualTypeOf<ParsedEvent<[typeof merge, typeof split]>>();
    switch (event.type) {
      case 'user-merge-completed':
        expectTypeOf(event).toEqualTypeOf<Merge>();
        expectTypeOf(event.survivorId).toBeString();
        break;
      case 'user-split-completed':
        expectTypeOf(event).toEqualTypeOf<Split>();
        break;
      case 'user-delete-completed':
        expectTypeOf(event).toEqualTypeOf<UserDeleteCompletedEvent>();
        break;
      case 'data-export-completed':
        expectTypeOf(event).toEqualTypeOf<DataExportCompletedEvent>();
        break;
      case 'unknown':
        expectTypeOf(event).toEqualTypeOf<UnknownEvent>();
        break;
      default:
        expectTypeOf(event).toBeNever();
    }
    const result = safeParseEvent('{}', { events: [merge] });
    if (result.success) expectTypeOf(result.event).toEqualTypeOf<WebhookEvent | Merge>();
  });

  it('not without events', () => {
    expectTypeOf(parseEvent('{}')).toEqualTypeOf<WebhookEvent>();
    expectTypeOf(parseEvent('{}', { events: [] })).toEqualTypeOf<WebhookEvent>();
  });

  it('in verifyEvent', async () => {
    const event = await verifyEvent({ payload: '', headers: {}, secret: 'whsec_x', events: [merge] });
    expectTypeOf(event).toEqualTypeOf<WebhookEvent | Merge>();
  });

  it("in createWebhookHandler's on keys and event types", () => {
    createWebhookHandler({
      secret: 'whsec_x',
      events: [merge, split],
      on: {
        'user-merge-completed': (event) => expectTypeOf(event).toEqualTypeOf<Merge>(),
        'user-split-completed': (event) => expectTypeOf(event).toEqualTypeOf<Split>(),
        'user-delete-completed': (event) => expectTypeOf(event).toEqualTypeOf<UserDeleteCompletedEvent>(),
      },
      ignore: ['data-export-completed'],
    });
  });

  it("refuses a typo in a user event's key", () => {
    createWebhookHandler({
      secret: 'whsec_x',
      events: [merge],
      on: {
        // @ts-expect-error a typo: there is no user-merge-complete event
        'user-merge-complete': () => {},
      },
    });
  });

  it('refuses a handler key for an event that was not passed in events', () => {
    createWebhookHandler({
      secret: 'whsec_x',
      // @ts-expect-error user-merge-completed is not among the events
      on: { 'user-merge-completed': () => {} },
    });
  });
});
