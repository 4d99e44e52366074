// FHIR's JSON format: property names SHALL be unique (json.html). JSON.parse keeps the last of two silently,
// another reader of the same signed body may keep the first: a raw body that repeats a name anywhere is
// refused as invalid_json, with the pointer of the member and the position of its second name.
import { describe, expect, it } from 'vitest';
import { createWebhookHandler, parseEvent, verifyEvent } from '../../src/index.js';
import { signPayload } from '../../src/sign/sign-payload.js';
import {
  NOW as RECEIVER_NOW,
  SECRET as RECEIVER_SECRET,
  readAcknowledgement,
  signed,
} from '../receive/status-table.js';
import { NOW, rejection, SECRET, TIMESTAMP } from '../verify/helpers.js';
import { eventOf, published, refusalOf } from './fixtures.js';

const userDelete = JSON.stringify(published.userDeleteBare);
const userDeleteBundle = JSON.stringify(published.userDeleteBundle);

// The issue's case: a second eventCoding, naming another event, written after the first.
const twoEventCodings = userDelete.replace(
  '"eventCoding":',
  '"eventCoding":{"system":"http://icanbwell.com/event-types","code":"data-export-completed"},"eventCoding":',
);
// A second Person id, deep in the Bundle.
const twoPersonIds = userDeleteBundle.replace('"id":"789"', '"id":"789","id":"790"');

describe('duplicate property names in a raw body', () => {
  it('refuses a second eventCoding with its pointer and position, word for word', () => {
    const at = twoEventCodings.indexOf('"eventCoding"', twoEventCodings.indexOf('"eventCoding"') + 1);
    expect(refusalOf(twoEventCodings)).toMatchObject({
      code: 'invalid_json',
      pointer: '/eventCoding',
      message: `Expected each property name once per object (FHIR JSON) at /eventCoding, found "eventCoding" a second time at line 1, column ${at + 1} (offset ${at}).`,
    });
  });

  it('refuses a repeat at any depth of a message Bundle', () => {
    expect(twoPersonIds).not.toBe(userDeleteBundle);
    expect(refusalOf(twoPersonIds)).toMatchObject({ code: 'invalid_json', pointer: '/entry/1/resource/id' });
  });

  it('refuses it as a string, as bytes and as an ArrayBuffer, behind a byte order mark too', () => {
    const bytes = new TextEncoder().encode(twoEventCodings);
    for (const input of [twoEventCodings, `\uFEFF${twoEventCodings}`, bytes, bytes.buffer]) {
      expect(refusalOf(input)).toMatchObject({ code: 'invalid_json', pointer: '/eventCoding' });
    }
  });

  it('compares names by value: an escaped spelling of the same name is a repeat', () => {
    const escaped = userDelete.replace('"source":', '"source":{"endpoint":"https://x.example"},"\\u0073ource":');
    expect(refusalOf(escaped)).toMatchObject({ code: 'invalid_json', pointer: '/source' });
  });

  it('keeps a long name and a long pointer short in the message, and whole in the pointer', () => {
    const name = 'k'.repeat(200);
    const error = refusalOf(userDelete.replace('{', `{"meta":{"tag":[{"${name}":1,"${name}":2}]},`));
    expect(error.pointer).toBe(`/meta/tag/0/${name}`);
    expect(error.message).toContain(
      `at …${`/meta/tag/0/${name}`.slice(-120)}, found "${'k'.repeat(40)}…" a second time`,
    );
  });

  it('shortens a pointer from 121 characters on, in the message only', () => {
    const messageOf = (pointer: string) => {
      const name = pointer.slice(1);
      return refusalOf(userDelete.replace('{', `{"${name}":1,"${name}":2,`)).message;
    };
    expect(messageOf(`/${'p'.repeat(119)}`)).toContain(` at /${'p'.repeat(119)}, found`);
    expect(messageOf(`/${'p'.repeat(120)}`)).toContain(` at …${'p'.repeat(120)}, found`);
  });

  it('refuses a repeat in a part of the message no rule reads', () => {
    const extra = userDelete.replace('{', '{"meta":{"tag":[{"code":"a","code":"b"}]},');
    expect(refusalOf(extra)).toMatchObject({ code: 'invalid_json', pointer: '/meta/tag/0/code' });
  });

  it('accepts a body whose names only look alike, whose strings hold colons, or whose colons are escaped', () => {
    for (const body of [
      userDelete.replace('{', '{"meta":{"tag":[{"code":"a"},{"code":"a"}]},"Id":"x:y",'),
      userDelete.replace('"https://icanbwell.com"', '"https\\u003a//icanbwell.com"'),
      JSON.stringify(published.dataExportBundle, null, 2),
    ]) {
      expect(eventOf(body).type).not.toBe('unknown');
    }
  });

  it('cannot check an already-parsed value: the framework’s JSON.parse has kept the last name', () => {
    // What the docs say: pass the raw body. JSON.parse kept the second eventCoding, a reader that keeps the
    // first one would see a data export: nothing in the parsed value shows that the two disagreed.
    expect(parseEvent(JSON.parse(twoEventCodings)).type).toBe('user-delete-completed');
  });

  it('is refused by verifyEvent after the signature verifies', async () => {
    const headers = await signPayload({ payload: twoEventCodings, secret: SECRET, id: 'msg_1', timestamp: TIMESTAMP });
    const error = await rejection(verifyEvent({ payload: twoEventCodings, headers, secret: SECRET, now: NOW }));
    expect(error).toMatchObject({ code: 'invalid_json', pointer: '/eventCoding' });
  });

  it('is answered 400 fatal-error by createWebhookHandler, which runs no handler', async () => {
    let ran = 0;
    const handler = createWebhookHandler({
      secret: RECEIVER_SECRET,
      now: () => RECEIVER_NOW,
      on: { 'user-delete-completed': () => void ran++, 'data-export-completed': () => void ran++ },
    });
    const response = await handler(await signed(twoPersonIds));
    expect(response.status).toBe(400);
    expect(await readAcknowledgement(response)).toMatchObject({ code: 'fatal-error', error: 'invalid_json' });
    expect(ran).toBe(0);
  });
});
