// Properties of parseEvent on hostile input: for input from the network the only outcomes allowed are a
// well-formed event or a WebhookError (a TypeError, RangeError or hang from deep inside is a bug); no input
// pollutes a prototype; every event round-trips. Bounded with numRuns so the folder stays well under 30 s.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { getDownloadUrl, getExternalIdentifier, isWebhookError, parseEvent } from '../../src/index.js';
import { applyEdit, containers, edit, type Json, outcomeOf, validMessage } from './arbitraries.js';

describe('parseEvent on hostile input', () => {
  test.prop([fc.uint8Array({ maxLength: 2048 })], { numRuns: 300 })(
    'gives an event or a WebhookError for arbitrary bytes',
    (bytes) => {
      outcomeOf(() => parseEvent(bytes));
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 512 })], { numRuns: 300 })(
    'gives an event or a WebhookError for arbitrary text, lone surrogates included',
    (text) => {
      outcomeOf(() => parseEvent(text));
    },
  );

  test.prop([fc.jsonValue({ maxDepth: 6 })], { numRuns: 300 })(
    'gives an event or a WebhookError for arbitrary JSON, as text and as a parsed value',
    (value) => {
      outcomeOf(() => parseEvent(JSON.stringify(value) ?? 'null'));
      outcomeOf(() => parseEvent(value));
    },
  );

  test.prop([validMessage, fc.array(edit, { minLength: 1, maxLength: 3 })], { numRuns: 400 })(
    'gives an event or a WebhookError for valid messages with keys deleted, replaced or added anywhere',
    (message, edits) => {
      let text = JSON.stringify(message);
      for (const one of edits) text = applyEdit(JSON.parse(text), one);
      outcomeOf(() => parseEvent(text));
      outcomeOf(() => parseEvent(JSON.parse(text)));
    },
  );

  test.prop([validMessage, fc.nat(), fc.nat({ max: 0xffff }), fc.constantFrom('insert', 'delete', 'replace')], {
    numRuns: 400,
  })(
    'gives an event or a WebhookError for valid messages with one character inserted, deleted or replaced',
    (message, position, code, op) => {
      const text = JSON.stringify(message);
      const at = position % text.length;
      const char = String.fromCharCode(code);
      const mutated =
        op === 'insert'
          ? text.slice(0, at) + char + text.slice(at)
          : op === 'delete'
            ? text.slice(0, at) + text.slice(at + 1)
            : text.slice(0, at) + char + text.slice(at + 1);
      outcomeOf(() => parseEvent(mutated));
    },
  );
});

describe('prototype pollution', () => {
  const polluters = fc.constantFrom('__proto__', 'constructor', 'prototype');
  test.prop([validMessage, fc.array(fc.tuple(fc.nat(), polluters), { minLength: 1, maxLength: 4 })], { numRuns: 200 })(
    'never happens, whatever object of the message carries __proto__, constructor or prototype keys',
    (message, places) => {
      let text = JSON.stringify(message);
      for (const [at, key] of places) {
        const value = { polluted: true, prototype: { polluted: true } };
        text = applyEdit(JSON.parse(text), { at, op: 'add', key, value });
      }
      for (const input of [text, JSON.parse(text)]) {
        try {
          const event = parseEvent(input);
          getExternalIdentifier(event);
          getDownloadUrl(event);
          for (const node of containers(event as unknown as Json)) {
            expect([Object.prototype, Array.prototype, null]).toContain(Object.getPrototypeOf(node));
          }
        } catch (error) {
          if (!isWebhookError(error)) throw error;
        }
        getExternalIdentifier(input);
        getDownloadUrl(input);
      }
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    },
  );
});

describe('round trip', () => {
  test.prop([validMessage], { numRuns: 300 })(
    'parseEvent(JSON.stringify(event.bundle ?? event.messageHeader)) gives the same event',
    (message) => {
      const event = parseEvent(JSON.stringify(message));
      expect(parseEvent(JSON.stringify(event.bundle ?? event.messageHeader))).toEqual(event);
      expect(parseEvent(event.bundle ?? event.messageHeader)).toEqual(event);
    },
  );
});
