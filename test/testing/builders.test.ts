import type { MessageHeader } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/index.js';
import {
  BWELL_EXAMPLES,
  buildDataExportCompleted,
  buildUnknownEvent,
  buildUserDeleteCompleted,
} from '../../src/testing/index.js';

describe('the event builders', () => {
  it("rebuild b.well's published examples field for field", () => {
    expect(buildUserDeleteCompleted({ id: 'bundle-user-delete' })).toEqual(BWELL_EXAMPLES.apiUserDeleteCompleted);
    expect(
      buildUserDeleteCompleted({ shape: 'header', id: 'mh12345', externalId: 'client-specific-identifier' }),
    ).toEqual(BWELL_EXAMPLES.docUserDeleteCompleted);
    expect(
      buildDataExportCompleted({
        shape: 'header',
        id: 'mh12345',
        personId: '456',
        externalId: 'client-specific-identifier',
      }),
    ).toEqual(BWELL_EXAMPLES.docDataExportCompleted);
    const exportBundle = BWELL_EXAMPLES.apiDataExportCompleted;
    const header = exportBundle.entry?.[0]?.resource as MessageHeader;
    const downloadUrl = header.extension?.[0]?.valueUri as string;
    expect(buildDataExportCompleted({ id: 'bundle-data-export', downloadUrl })).toEqual(exportBundle);
  });

  it.each(['header', 'bundle'] as const)('build events that parse to their type in the %s shape', (shape) => {
    const options = { shape, personId: '42', externalId: 'user-42' };
    const deletion = parseEvent(buildUserDeleteCompleted(options));
    expect(deletion).toMatchObject({ type: 'user-delete-completed', person: { id: '42' } });
    if (deletion.type !== 'user-delete-completed') throw new Error('unreachable');
    expect(deletion.externalIdentifier?.value).toBe('user-42');
    const exported = parseEvent(buildDataExportCompleted({ ...options, downloadUrl: 'https://icanbwell.com/x.zip' }));
    expect(exported).toMatchObject({ type: 'data-export-completed', downloadUrl: 'https://icanbwell.com/x.zip' });
    expect(exported.bundle === undefined).toBe(shape === 'header');
  });

  it('build an unknown event that parses as unknown, and is refused in strict mode', () => {
    const payload = buildUnknownEvent({ code: 'user-merge-completed', shape: 'header' });
    expect(parseEvent(payload)).toMatchObject({ type: 'unknown', eventCoding: { code: 'user-merge-completed' } });
    expect(() => parseEvent(payload, { strict: true })).toThrow(expect.objectContaining({ code: 'unknown_event' }));
    expect(parseEvent(buildUnknownEvent({ system: 'urn:other' })).type).toBe('unknown');
  });

  it('return a new object on every call', () => {
    const first = buildUserDeleteCompleted();
    expect(first).not.toBe(buildUserDeleteCompleted());
    expect(first).toEqual(buildUserDeleteCompleted());
  });
});

describe('BWELL_EXAMPLES', () => {
  it('parse to the events they show', () => {
    expect(parseEvent(BWELL_EXAMPLES.docUserDeleteCompleted).type).toBe('user-delete-completed');
    expect(parseEvent(BWELL_EXAMPLES.docDataExportCompleted).type).toBe('data-export-completed');
    expect(parseEvent(BWELL_EXAMPLES.apiUserDeleteCompleted).type).toBe('user-delete-completed');
    expect(parseEvent(BWELL_EXAMPLES.apiDataExportCompleted).type).toBe('data-export-completed');
  });

  it('are frozen all the way down', () => {
    expect(Object.isFrozen(BWELL_EXAMPLES)).toBe(true);
    expect(Object.isFrozen(BWELL_EXAMPLES.apiUserDeleteCompleted.entry?.[1]?.resource)).toBe(true);
    expect(() => {
      (BWELL_EXAMPLES.docUserDeleteCompleted as { id?: string }).id = 'changed';
    }).toThrow(TypeError);
  });
});
