import type { Bundle, Coding, Identifier, MessageHeader } from 'fhir/r4.js';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ConformanceIssue,
  type DataExportCompletedEvent,
  DEFAULT_MAX_BYTES,
  type FocusedPerson,
  getDownloadUrl,
  getExternalIdentifier,
  type KnownEventType,
  type ParseOptions,
  parseEvent,
  type SafeParseResult,
  safeParseEvent,
  type UnknownEvent,
  type UserDeleteCompletedEvent,
  type WebhookError,
  type WebhookEvent,
} from '../../src/index.js';

declare const event: WebhookEvent;

describe('WebhookEvent', () => {
  it('narrows on type in a switch', () => {
    switch (event.type) {
      case 'user-delete-completed':
        expectTypeOf(event).toEqualTypeOf<UserDeleteCompletedEvent>();
        expectTypeOf(event.person).toEqualTypeOf<FocusedPerson>();
        expectTypeOf(event.externalIdentifier).toEqualTypeOf<Identifier | undefined>();
        break;
      case 'data-export-completed':
        expectTypeOf(event).toEqualTypeOf<DataExportCompletedEvent>();
        expectTypeOf(event.downloadUrl).toEqualTypeOf<string>();
        break;
      case 'unknown':
        expectTypeOf(event).toEqualTypeOf<UnknownEvent>();
        expectTypeOf(event.eventCoding).toEqualTypeOf<Coding | undefined>();
        expectTypeOf(event.eventUri).toEqualTypeOf<string | undefined>();
        break;
      default:
        expectTypeOf(event).toBeNever();
    }
  });

  it('offers downloadUrl only on the export variant', () => {
    // @ts-expect-error downloadUrl is not on every event
    event.downloadUrl;
    if (event.type === 'user-delete-completed') {
      // @ts-expect-error a user-delete event has no downloadUrl
      event.downloadUrl;
    }
    if (event.type === 'unknown') {
      // @ts-expect-error an unknown event has no person
      event.person;
    }
    expectTypeOf<DataExportCompletedEvent>().toHaveProperty('downloadUrl');
    expectTypeOf<UserDeleteCompletedEvent>().not.toHaveProperty('downloadUrl');
    expectTypeOf<UnknownEvent>().not.toHaveProperty('downloadUrl');
  });

  it('exposes the MessageHeader and Bundle on every variant', () => {
    expectTypeOf(event.messageHeader).toEqualTypeOf<MessageHeader>();
    expectTypeOf(event.bundle).toEqualTypeOf<Bundle | undefined>();
  });

  it('has readonly fields', () => {
    if (event.type === 'data-export-completed') {
      // @ts-expect-error events are read-only
      event.downloadUrl = 'https://evil.example';
    }
  });

  it('lists the known types', () => {
    expectTypeOf<KnownEventType>().toEqualTypeOf<'user-delete-completed' | 'data-export-completed'>();
    // @ts-expect-error 'unknown' is not a known type
    const unknown: KnownEventType = 'unknown';
    void unknown;
  });
});

describe('parseEvent and safeParseEvent', () => {
  it('return a WebhookEvent and a SafeParseResult', () => {
    expectTypeOf(parseEvent('{}')).toEqualTypeOf<WebhookEvent>();
    expectTypeOf(parseEvent('{}', { strict: true })).toEqualTypeOf<WebhookEvent>();
    expectTypeOf(safeParseEvent('{}')).toEqualTypeOf<SafeParseResult>();
    const options: ParseOptions = { maxBytes: 1 };
    expectTypeOf(parseEvent('{}', options)).toEqualTypeOf<WebhookEvent>();
    expectTypeOf(DEFAULT_MAX_BYTES).toBeNumber();
  });

  it('narrow SafeParseResult on success', () => {
    const result = safeParseEvent('{}');
    if (result.success) {
      expectTypeOf(result.event).toEqualTypeOf<WebhookEvent>();
      // @ts-expect-error no error on success
      result.error;
    } else {
      expectTypeOf(result.error).toEqualTypeOf<WebhookError>();
      // @ts-expect-error no event on failure
      result.event;
    }
  });

  it('refuse options of the wrong type', () => {
    // @ts-expect-error maxBytes is a number
    parseEvent('{}', { maxBytes: '1mb' });
    // @ts-expect-error strict is a boolean
    parseEvent('{}', { strict: 'yes' });
    // @ts-expect-error validation is 'report' or 'strict'
    parseEvent('{}', { validation: true });
    // @ts-expect-error unknownEvents is 'accept' or 'reject'
    parseEvent('{}', { unknownEvents: 'ignore' });
    // @ts-expect-error understoodModifiers is a list of URLs
    parseEvent('{}', { understoodModifiers: 'https://x.example/m' });
  });

  it('give every event its issues, readonly', () => {
    const event = parseEvent('{}', { validation: 'report', understoodModifiers: ['https://x.example/m'] });
    expectTypeOf(event.issues).toEqualTypeOf<readonly ConformanceIssue[]>();
    expectTypeOf(event.issues[0]?.rule).toEqualTypeOf<string | undefined>();
    // @ts-expect-error issues are readonly
    event.issues.push({ rule: 'x', pointer: '', message: '' });
  });
});

describe('extractors', () => {
  it('accept an event, a MessageHeader or a Bundle', () => {
    expectTypeOf(getExternalIdentifier(event)).toEqualTypeOf<Identifier | undefined>();
    expectTypeOf(getDownloadUrl({} as MessageHeader)).toEqualTypeOf<string | undefined>();
    expectTypeOf(getDownloadUrl).toBeCallableWith({} as Bundle);
    // @ts-expect-error a string is not a message
    getDownloadUrl('https://icanbwell.com');
  });
});
