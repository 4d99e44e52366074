// createWebhookHandler and verifyEvent with the conformance options: issues handed to onIssues once per
// delivery and returned as warnings in the acknowledgement; validation: 'strict' and unknown modifiers as 422.
import type { OperationOutcome } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import {
  type ConformanceIssue,
  createWebhookHandler,
  parseEvent,
  verifyEvent,
  type WebhookIssuesContext,
} from '../../src/index.js';
import { buildDataExportCompleted, buildUnknownEvent, buildUserDeleteCompleted } from '../../src/testing/index.js';
import { NOW, readAcknowledgement, SECRET, signed } from './status-table.js';

// Where only the options are under test, no handler is needed.
const EVERY_EVENT = ['user-delete-completed', 'data-export-completed'] as const;

const MODIFIER = 'https://x.example/fhir/StructureDefinition/not-really';
type Doc = ReturnType<typeof JSON.parse>;
const edited = (change: (bundle: Doc) => void): Doc => {
  const bundle = JSON.parse(JSON.stringify(buildUserDeleteCompleted({ shape: 'bundle' })));
  change(bundle);
  return bundle;
};
const nonconformant = edited((b) => {
  b.timestamp = 'yesterday';
});

describe('the test kit', () => {
  it.each(['header', 'bundle'] as const)('builds conformant messages in the %s shape', (shape) => {
    for (const message of [
      buildUserDeleteCompleted({ shape }),
      buildDataExportCompleted({ shape }),
      buildUnknownEvent({ shape }),
    ]) {
      expect(parseEvent(message).issues).toEqual([]);
    }
  });
});

describe('createWebhookHandler with a non-conformant message', () => {
  it('runs onIssues once per delivery, before the handler, and still answers 200', async () => {
    const calls: [readonly ConformanceIssue[], WebhookIssuesContext][] = [];
    const order: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      ignore: ['data-export-completed'],
      on: { 'user-delete-completed': () => void order.push('handler') },
      onIssues: (issues, context) => {
        order.push('onIssues');
        calls.push([issues, context]);
      },
    });
    const first = await handler(await signed(nonconformant, 'msg_issues'));
    expect(first.status).toBe(200);
    // A retry of a delivery already processed: nothing runs again.
    expect((await handler(await signed(nonconformant, 'msg_issues'))).status).toBe(200);
    expect(order).toEqual(['onIssues', 'handler']);
    const [issues, context] = calls[0] ?? [];
    expect(issues).toEqual([expect.objectContaining({ rule: 'format', pointer: '/timestamp' })]);
    expect(context?.delivery.id).toBe('msg_issues');
    expect(context?.event.type).toBe('user-delete-completed');
    expect(context?.request).toBeInstanceOf(Request);
  });

  it('does not run onIssues for a conformant message', async () => {
    let called = false;
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      on: {},
      ignore: EVERY_EVENT,
      onIssues: () => {
        called = true;
      },
    });
    expect((await handler(await signed(buildUserDeleteCompleted()))).status).toBe(200);
    expect(called).toBe(false);
  });

  it('ignores what onIssues throws, like onError', async () => {
    let handled = false;
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      ignore: ['data-export-completed'],
      on: {
        'user-delete-completed': () => {
          handled = true;
        },
      },
      onIssues: () => {
        throw new Error('the logger is down');
      },
    });
    expect((await handler(await signed(nonconformant))).status).toBe(200);
    expect(handled).toBe(true);
  });

  it('returns the issues as warnings of an OperationOutcome the acknowledgement points to', async () => {
    const handler = createWebhookHandler({ secret: SECRET, now: () => NOW, on: {}, ignore: EVERY_EVENT });
    const response = await handler(await signed(nonconformant));
    const ack = await response.json();
    const [header, outcome] = ack.entry;
    expect(header.resource.response).toMatchObject({ code: 'ok', details: { reference: outcome.fullUrl } });
    expect(outcome.resource).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'warning',
          code: 'value',
          details: { coding: [{ system: 'urn:bwell-webhooks:conformance-rule', code: 'format' }] },
          diagnostics: 'Expected a FHIR instant at /timestamp, found the string "yesterday".',
        },
      ],
    });
    // The acknowledgement is itself a conformant message.
    expect(parseEvent(ack).issues).toEqual([]);
  });

  it('lists at most 20 issues, and says how many more there are', async () => {
    const many = edited((b) => {
      b.entry[1].resource.identifier = Array.from({ length: 25 }, () => ({ value: '' }));
    });
    const handler = createWebhookHandler({ secret: SECRET, now: () => NOW, on: {}, ignore: EVERY_EVENT });
    const ack = await (await handler(await signed(many))).json();
    const { issue } = ack.entry[1].resource;
    expect(issue).toHaveLength(21);
    expect(issue[20]).toEqual({
      severity: 'information',
      code: 'informational',
      diagnostics: '5 more issues are not listed.',
    });
  });

  it("refuses it under validation: 'strict' with 422 nonconformant_message, running nothing", async () => {
    let ran = false;
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      ignore: ['data-export-completed'],
      validation: 'strict',
      on: {
        'user-delete-completed': () => {
          ran = true;
        },
      },
      onIssues: () => {
        ran = true;
      },
    });
    const response = await handler(await signed(nonconformant));
    expect(response.status).toBe(422);
    expect(await readAcknowledgement(response)).toMatchObject({ code: 'fatal-error', error: 'nonconformant_message' });
    expect(ran).toBe(false);
  });
});

describe('createWebhookHandler with a modifier', () => {
  const modified = edited((b) => {
    b.entry[1].resource.modifierExtension = [{ url: MODIFIER, valueBoolean: true }];
  });

  it('refuses one it does not understand with 422 unknown_modifier (fatal: resending cannot help)', async () => {
    const handler = createWebhookHandler({ secret: SECRET, now: () => NOW, on: {}, ignore: EVERY_EVENT });
    const response = await handler(await signed(modified));
    expect(response.status).toBe(422);
    expect(await readAcknowledgement(response)).toMatchObject({ code: 'fatal-error', error: 'unknown_modifier' });
  });

  it('accepts one listed in understoodModifiers', async () => {
    const handler = createWebhookHandler({
      secret: SECRET,
      now: () => NOW,
      on: {},
      ignore: EVERY_EVENT,
      understoodModifiers: [MODIFIER],
    });
    expect((await handler(await signed(modified))).status).toBe(200);
  });
});

describe('verifyEvent', () => {
  it('passes validation, understoodModifiers and unknownEvents to the parser', async () => {
    const request = async (payload: object) => {
      const delivery = await signed(payload);
      return { payload: await delivery.text(), headers: delivery.headers, secret: SECRET, now: new Date(NOW) };
    };
    const strict = await verifyEvent({ ...(await request(nonconformant)), validation: 'strict' }).catch((e) => e);
    expect(strict).toMatchObject({ code: 'nonconformant_message', pointer: '/timestamp' });
    const reported = await verifyEvent(await request(nonconformant));
    expect(reported.issues).toMatchObject([{ rule: 'format' }]);
    const modifiedEvent = edited((b) => {
      b.entry[0].resource.modifierExtension = [{ url: MODIFIER, valueBoolean: true }];
    });
    const refused = await verifyEvent(await request(modifiedEvent)).catch((e) => e);
    expect(refused).toMatchObject({ code: 'unknown_modifier' });
    const understood = await verifyEvent({ ...(await request(modifiedEvent)), understoodModifiers: [MODIFIER] });
    expect(understood.type).toBe('user-delete-completed');
    const unknown = await verifyEvent({ ...(await request(buildUnknownEvent())), unknownEvents: 'reject' }).catch(
      (e) => e,
    );
    expect(unknown).toMatchObject({ code: 'unknown_event' });
  });
});

describe('createAcknowledgement', () => {
  it('gives each rule the closest FHIR issue type', async () => {
    const { createAcknowledgement } = await import('../../src/index.js');
    const rules = ['format', 'binding', 'cardinality', 'unknown-property', 'json', 'resource-type', 'bdl-7', 'ele-1'];
    const issues = rules.map((rule) => ({ rule, pointer: '/x', message: 'm' }));
    const ack = createAcknowledgement({ identifier: 'a', source: 'https://client.example', issues });
    const outcome = ack.entry?.[1]?.resource as OperationOutcome;
    expect(outcome.issue.map((issue) => issue.code)).toEqual([
      'value',
      'code-invalid',
      'required',
      'structure',
      'structure',
      'structure',
      'invariant',
      'invariant',
    ]);
  });
});
