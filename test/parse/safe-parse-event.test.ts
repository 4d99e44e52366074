import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isWebhookError, safeParseEvent, WebhookError } from '../../src/index.js';
import { type Json, published, variant } from './fixtures.js';

describe('safeParseEvent', () => {
  it('returns success with the event', () => {
    const result = safeParseEvent(JSON.stringify(published.dataExportBundle));
    expect(result.success).toBe(true);
    if (result.success) expect(result.event.type).toBe('data-export-completed');
  });

  it('returns the WebhookError instead of throwing it', () => {
    const result = safeParseEvent('{"resourceType":"Patient"}');
    expect(result).toEqual({ success: false, error: expect.any(WebhookError) });
    if (!result.success) expect(result.error).toMatchObject({ code: 'not_a_message', pointer: '/resourceType' });
  });

  it('passes options through', () => {
    const result = safeParseEvent(JSON.stringify(published.userDeleteBare), { maxBytes: 10 });
    expect(result.success || result.error.code).toBe('payload_too_large');
  });

  it('still throws a TypeError for a caller mistake', () => {
    expect(() => safeParseEvent('{}', { maxBytes: -1 })).toThrow(TypeError);
  });

  test.prop([fc.oneof(fc.string(), fc.jsonValue(), fc.anything(), fc.uint8Array())])(
    'never throws for any input',
    (input) => {
      const result = safeParseEvent(input);
      expect(result.success || isWebhookError(result.error)).toBe(true);
    },
  );

  // Replaces one value somewhere in a published event with arbitrary JSON: the outcome is always an
  // event or a WebhookError, never a TypeError from deep inside.
  const documents = Object.values(published);
  const leafPaths = (value: Json, path: (string | number)[] = []): (string | number)[][] =>
    typeof value === 'object' && value !== null
      ? Object.keys(value).flatMap((key) => [[...path, key], ...leafPaths(value[key], [...path, key])])
      : [];
  test.prop([fc.nat(), fc.nat(), fc.jsonValue(), fc.boolean()])(
    'never throws for a published event with one value replaced',
    (which, where, replacement, asText) => {
      const document = documents[which % documents.length] as Json;
      const paths = leafPaths(document);
      const path = paths[where % paths.length] as (string | number)[];
      const broken = variant(document, (copy) => {
        let node = copy;
        for (const key of path.slice(0, -1)) node = node[key];
        node[path[path.length - 1] as string] = replacement;
      });
      const result = safeParseEvent(asText ? JSON.stringify(broken) : broken);
      if (!result.success) expect(isWebhookError(result.error)).toBe(true);
      else expect(['user-delete-completed', 'data-export-completed', 'unknown']).toContain(result.event.type);
    },
  );
});
