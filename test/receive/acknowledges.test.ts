// MessageDefinition.responseRequired decides whether an answer carries the FHIR acknowledgement; the status never
// changes. The built-in definitions say `always`, today's answers.
import { describe, expect, it } from 'vitest';
import {
  createWebhookHandler,
  defineEvent,
  MESSAGE_DEFINITIONS,
  type MessageDefinitionInput,
} from '../../src/index.js';
import { acknowledges } from '../../src/receive/acknowledges.js';
import { buildEvent, buildUserDeleteCompleted, createSignedRequest } from '../../src/testing/index.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const definition = (responseRequired?: MessageDefinitionInput['responseRequired']) =>
  defineEvent({
    definition: {
      resourceType: 'MessageDefinition',
      eventCoding: { system: 'http://icanbwell.com/event-types', code: 'user-merge-completed' },
      focus: [{ code: 'Person', min: 1, max: '1' }],
      ...(responseRequired === undefined ? {} : { responseRequired }),
    },
  });

async function answer(responseRequired: MessageDefinitionInput['responseRequired'], fail: boolean) {
  const event = definition(responseRequired);
  const handler = createWebhookHandler({
    secret,
    events: [event],
    on: {
      'user-merge-completed': () => {
        if (fail) throw new Error('the database is down');
      },
    },
    ignore: ['user-delete-completed', 'data-export-completed'],
  });
  const response = await handler(await createSignedRequest({ payload: buildEvent(event), secret }));
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
}

describe('responseRequired', () => {
  it.each<[MessageDefinitionInput['responseRequired'], boolean, number, boolean]>([
    ['always', false, 200, true],
    ['always', true, 500, true],
    [undefined, false, 200, true],
    ['never', false, 200, false],
    ['never', true, 500, false],
    ['on-error', false, 200, false],
    ['on-error', true, 500, true],
    ['on-success', false, 200, true],
    ['on-success', true, 500, false],
  ])('%s, handler failing %s: status %i, acknowledgement %s', async (required, fail, status, acknowledged) => {
    const result = await answer(required, fail);
    expect(result.status).toBe(status);
    expect(result.body !== '').toBe(acknowledged);
    expect(result.type).toBe(acknowledged ? 'application/fhir+json' : null);
    if (acknowledged) expect(JSON.parse(result.body).resourceType).toBe('Bundle');
  });

  it('acknowledges a delivery refused before its event is known, and an unknown event', async () => {
    expect(acknowledges(undefined, false)).toBe(true);
    expect(acknowledges(undefined, true)).toBe(true);
    const handler = createWebhookHandler({
      secret,
      events: [definition('never')],
      on: {},
      ignore: ['user-delete-completed', 'data-export-completed', 'user-merge-completed'],
    });
    const refused = await handler(new Request('http://localhost/webhook', { method: 'POST', body: '{}' }));
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toBe('');
  });

  it('keeps the built-in events acknowledged every time', async () => {
    for (const definition of Object.values(MESSAGE_DEFINITIONS)) expect(definition.responseRequired).toBe('always');
    const handler = createWebhookHandler({
      secret,
      on: {},
      ignore: ['user-delete-completed', 'data-export-completed'],
    });
    const response = await handler(await createSignedRequest({ payload: buildUserDeleteCompleted(), secret }));
    expect(response.status).toBe(200);
    expect((await response.json()).resourceType).toBe('Bundle');
  });

  it('refuses bad events at creation, as a TypeError', () => {
    const event = definition();
    // Handlers for everything, so that the TypeError can only be the duplicate definition.
    const on = {
      'user-merge-completed': () => {},
      'user-delete-completed': () => {},
      'data-export-completed': () => {},
    };
    expect(() => createWebhookHandler({ secret, events: [event, event], on })).toThrow(/two definitions/);
  });
});
