import { describe, expect, it } from 'vitest';
import { BWELL_EVENT_SYSTEM, KNOWN_EVENT_TYPES } from '../../src/events/catalogue.js';
import { registryOf } from '../../src/events/registry.js';

const findEventBuilder = (coding: Parameters<ReturnType<typeof registryOf>['find']>[0]) =>
  registryOf(undefined, 'test').find(coding);

import type { KnownEventType } from '../../src/index.js';
import { bothShapes, eventOf, published } from '../parse/fixtures.js';

describe('event catalogue', () => {
  it('lists exactly the known event types', () => {
    const expected: KnownEventType[] = ['user-delete-completed', 'data-export-completed'];
    expect([...KNOWN_EVENT_TYPES].sort()).toEqual(expected.sort());
  });

  it.each(KNOWN_EVENT_TYPES)('has a definition for %s in the b.well system', (code) => {
    expect(findEventBuilder({ system: BWELL_EVENT_SYSTEM, code })?.type).toBe(code);
  });

  it.each([
    ['another system', { system: 'https://example.org/event-types', code: 'user-delete-completed' }],
    ['no system', { code: 'user-delete-completed' }],
    ['an unknown code', { system: BWELL_EVENT_SYSTEM, code: 'user-created' }],
    ['no code', { system: BWELL_EVENT_SYSTEM }],
    ['a code named constructor', { system: BWELL_EVENT_SYSTEM, code: 'constructor' }],
    ['a code named __proto__', { system: BWELL_EVENT_SYSTEM, code: '__proto__' }],
    ['a code named hasOwnProperty', { system: BWELL_EVENT_SYSTEM, code: 'hasOwnProperty' }],
    ['a code of another case', { system: BWELL_EVENT_SYSTEM, code: 'User-Delete-Completed' }],
    ['no coding at all', undefined],
  ])('has no definition for %s', (_, coding) => {
    expect(findEventBuilder(coding)).toBeUndefined();
  });
});

describe('user-delete-completed', () => {
  it.each(bothShapes(published.userDeleteBare))(
    'is built with person and external identifier from a %s',
    (_, document) => {
      const event = eventOf(document);
      expect(event).toMatchObject({
        type: 'user-delete-completed',
        person: { reference: 'Person/789', id: '789' },
        externalIdentifier: { system: 'urn:client:identifier', value: 'client-specific-identifier' },
      });
      expect(Object.keys(event).sort()).toEqual([
        'bundle',
        'externalIdentifier',
        'focus',
        'issues',
        'messageHeader',
        'person',
        'type',
      ]);
      expect(event.issues).toEqual([]);
      // The bare header, wrapped without its Person: the focus names a Person the message does not carry.
      expect(event.type !== 'unknown' && event.focus).toEqual([
        { reference: 'Person/789', resourceType: 'Person', id: '789', resource: undefined, resolvedBy: 'none' },
      ]);
    },
  );
});

describe('data-export-completed', () => {
  it.each(bothShapes(published.dataExportBare))('is built with a download URL from a %s', (_, document) => {
    const event = eventOf(document);
    expect(event).toMatchObject({
      type: 'data-export-completed',
      person: { reference: 'Person/456', id: '456' },
      downloadUrl: 'https://icanbwell.com/downloads/data-export-12345.zip',
    });
    expect(Object.keys(event).sort()).toEqual([
      'bundle',
      'downloadUrl',
      'externalIdentifier',
      'focus',
      'issues',
      'messageHeader',
      'person',
      'type',
    ]);
    expect(event.issues).toEqual([]);
  });
});
