// Properties that must hold for every input, checked on random and mutated deliveries. For input from the
// network the only outcomes allowed are a well-formed event or a WebhookError: a TypeError, RangeError or a
// hang from deep inside is a bug. Bounded with numRuns so that the whole folder stays well under 30 s.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  createWebhookHandler,
  getDownloadUrl,
  getExternalIdentifier,
  isWebhookError,
  parseEvent,
  signPayload,
  verifyEvent,
  verifySignature,
  type WebhookEvent,
} from '../../src/index.js';
import { buildDataExportCompleted, buildUnknownEvent, buildUserDeleteCompleted } from '../../src/testing/index.js';
import { SECRET } from './helpers.js';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Checks what a receiver relies on in any event it is handed, and returns the outcome's name. */
function outcomeOf(run: () => WebhookEvent): string {
  let event: WebhookEvent;
  try {
    event = run();
  } catch (error) {
    if (isWebhookError(error)) return error.code;
    throw error;
  }
  expect(['user-delete-completed', 'data-export-completed', 'unknown']).toContain(event.type);
  expect(typeof event.messageHeader.source.endpoint).toBe('string');
  if (event.type !== 'unknown') {
    // The person a deletion is about is exactly the one the message names.
    expect(event.person.reference).toBe(`Person/${event.person.id}`);
    expect(event.person.id).toMatch(FHIR_ID);
  }
  if (event.type === 'data-export-completed') expect(new URL(event.downloadUrl).protocol).toBe('https:');
  return event.type;
}

// Valid deliveries of every kind, in both shapes, with random ids and values.
const personId = fc.stringMatching(FHIR_ID);
const externalId = fc.stringMatching(/^[\x21-\x7e](?:[\x20-\x7e]{0,30}[\x21-\x7e])?$/);
const shape = fc.constantFrom('header' as const, 'bundle' as const);
const validMessage = fc.oneof(
  fc.record({ shape, personId, externalId }).map((o) => buildUserDeleteCompleted(o)),
  fc
    .record({ shape, personId, externalId, downloadUrl: fc.webUrl({ validSchemes: ['https'], size: 'small' }) })
    .map((o) => buildDataExportCompleted(o)),
  fc.record({ shape, code: fc.stringMatching(/^[a-z][a-z-]{0,20}$/) }).map((o) => buildUnknownEvent(o)),
) as fc.Arbitrary<object>;

// One structural edit of a JSON document at a random place: delete, replace, or add a key.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const edit = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'add'),
  key: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'id', 'resourceType', 'extension', 'reference'),
    fc.string(),
  ),
  value: fc.jsonValue({ maxDepth: 3 }),
});

function containers(root: Json): (Json[] | { [key: string]: Json })[] {
  const found: (Json[] | { [key: string]: Json })[] = [];
  const walk = (node: Json) => {
    if (typeof node !== 'object' || node === null) return;
    found.push(node);
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  return found;
}

interface Edit {
  readonly at: number;
  readonly op: 'delete' | 'replace' | 'add';
  readonly key: string;
  readonly value: unknown;
}

function applyEdit(document: object, { at, op, key, value }: Edit): string {
  const copy = JSON.parse(JSON.stringify(document)) as Json;
  const nodes = containers(copy);
  const node = nodes[at % nodes.length] as { [key: string]: Json };
  const keys = Object.keys(node);
  const target = op === 'add' || keys.length === 0 ? key : (keys[at % keys.length] as string);
  if (op === 'delete') delete node[target];
  // defineProperty, so that "__proto__" becomes an own key (what JSON.parse makes of it), not a prototype change.
  else Object.defineProperty(node, target, { value, enumerable: true, configurable: true, writable: true });
  return JSON.stringify(copy);
}

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

describe('signed deliveries', () => {
  const T = 1_767_225_600;
  const OTHER = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
  // Every way a delivery can be changed in transit or forged from a captured one, none of which may verify.
  type Mutation = (headers: Record<string, string>, body: string) => [Record<string, string | undefined>, string];
  const mutations: Record<string, Mutation> = {
    'body re-serialised with indentation': (h, b) => [h, JSON.stringify(JSON.parse(b), null, 2)],
    'body with a trailing newline': (h, b) => [h, `${b}\n`],
    'body without its last byte': (h, b) => [h, b.slice(0, -1)],
    'body with a BOM added': (h, b) => [h, `\uFEFF${b}`],
    'body with another person': (h, b) => [h, b.replace(/Person\/[^"]+/g, 'Person/0')],
    'id with a trailing space': (h, b) => [{ ...h, 'webhook-id': `${h['webhook-id']} ` }, b],
    'id in upper case': (h, b) => [{ ...h, 'webhook-id': `${h['webhook-id']}X`.toUpperCase() }, b],
    'timestamp one second later': (h, b) => [{ ...h, 'webhook-timestamp': String(T + 1) }, b],
    'timestamp with a leading zero': (h, b) => [{ ...h, 'webhook-timestamp': `0${T}` }, b],
    'timestamp in milliseconds': (h, b) => [{ ...h, 'webhook-timestamp': `${T}000` }, b],
    'signature version v1a': (h, b) => [
      { ...h, 'webhook-signature': h['webhook-signature']?.replace('v1,', 'v1a,') },
      b,
    ],
    'signature version v2': (h, b) => [{ ...h, 'webhook-signature': h['webhook-signature']?.replace('v1,', 'v2,') }, b],
    'signature in base64url': (h, b) => [
      { ...h, 'webhook-signature': `${h['webhook-signature']}/+`.replace(/\+/g, '-').replace(/\//g, '_') },
      b,
    ],
    'signature truncated': (h, b) => [{ ...h, 'webhook-signature': h['webhook-signature']?.slice(0, -6) }, b],
    'signature in upper case': (h, b) => [
      { ...h, 'webhook-signature': `v1,${h['webhook-signature']?.slice(3).toUpperCase()}x` },
      b,
    ],
    'signature empty': (h, b) => [{ ...h, 'webhook-signature': '' }, b],
    'signature header dropped': (h, b) => [
      { 'webhook-id': h['webhook-id'], 'webhook-timestamp': h['webhook-timestamp'] },
      b,
    ],
  };

  test.prop([validMessage, fc.stringMatching(/^msg_[A-Za-z0-9]{1,20}$/), fc.constantFrom(...Object.keys(mutations))], {
    numRuns: 200,
  })('never verify after any mutation of body, id, timestamp or signature', async (message, id, mutation) => {
    const body = JSON.stringify(message);
    const headers: Record<string, string> = await signPayload({ payload: body, secret: SECRET, id, timestamp: T });
    const options = { secret: SECRET, now: T * 1000 };
    await expect(verifyEvent({ payload: body, headers, ...options })).resolves.toMatchObject({});
    const [changedHeaders, changedBody] = (mutations[mutation] as Mutation)(headers, body);
    if (changedBody === body && JSON.stringify(changedHeaders) === JSON.stringify(headers)) return;
    const error = await verifySignature({ payload: changedBody, headers: changedHeaders, ...options }).catch((e) => e);
    expect(isWebhookError(error), `${mutation}: ${error}`).toBe(true);
    expect(['no_matching_signature', 'invalid_header', 'missing_header', 'timestamp_too_new']).toContain(error.code);
  });

  test.prop([fc.uint8Array({ maxLength: 256 }), fc.string({ maxLength: 8 })], { numRuns: 200 })(
    'never verify with another secret, for any body',
    async (body, id) => {
      const headers = await signPayload({ payload: body, secret: OTHER, id: `msg_${id.length}`, timestamp: T });
      const error = await verifySignature({ payload: body, headers, secret: SECRET, now: T * 1000 }).catch((e) => e);
      expect(error).toMatchObject({ code: 'no_matching_signature' });
    },
  );

  test.prop(
    [
      fc.dictionary(
        fc.oneof(
          fc.constantFrom('webhook-id', 'webhook-timestamp', 'webhook-signature', 'svix-signature'),
          fc.string(),
        ),
        fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
      ),
    ],
    { numRuns: 300 },
  )('refuse arbitrary headers with a WebhookError, never a TypeError', async (headers) => {
    const error = await verifySignature({ payload: '{}', headers, secret: SECRET, now: T * 1000 }).catch((e) => e);
    expect(isWebhookError(error), String(error)).toBe(true);
  });

  test.prop(
    [
      fc.oneof(
        fc.uint8Array({ maxLength: 512 }),
        validMessage.map((m) => JSON.stringify(m)),
      ),
    ],
    { numRuns: 100 },
  )('get 200 or 400 from the handler when correctly signed, and never run a handler for a non-event', async (body) => {
    const handled: string[] = [];
    const record = (event: WebhookEvent) => {
      handled.push(event.type);
    };
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => T * 1000,
      on: { 'user-delete-completed': record, 'data-export-completed': record },
      onUnknown: record,
    });
    const headers = await signPayload({ payload: body, secret: SECRET, id: 'msg_prop', timestamp: T });
    const response = await handler(new Request('http://127.0.0.1/', { method: 'POST', body, headers }));
    const parsed = (() => {
      try {
        return parseEvent(body).type;
      } catch {
        return undefined;
      }
    })();
    expect(response.status).toBe(parsed === undefined ? 400 : 200);
    expect(handled).toEqual(parsed === undefined ? [] : [parsed]);
  });
});
