// docs/new-events.md shows examples/new-events.ts verbatim; here that file runs: the event is defined from its
// MessageDefinition, handled typed by createWebhookHandler, and tested with the test kit.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { merges, tryIt, userMergeCompleted, webhook } from '../../examples/new-events.js';
import { parseEvent } from '../../src/index.js';
import { buildEvent, createSignedRequest } from '../../src/testing/index.js';

const codeBlocks = (markdown: string) => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

describe('the guide "When b.well adds an event"', () => {
  it('shows examples/new-events.ts verbatim', async () => {
    const example = await readFile('examples/new-events.ts', 'utf8');
    expect(codeBlocks(await readFile('docs/new-events.md', 'utf8'))).toContain(example);
  });

  it('runs: the test-kit delivery reaches the typed handler and is acknowledged', async () => {
    merges.length = 0;
    const response = await tryIt();
    expect(response.status).toBe(200);
    expect(merges).toEqual([{ survivorId: '789', mergedId: '789-2' }]);
    const acknowledgement = await response.json();
    expect(acknowledgement.entry[0].resource.response).toMatchObject({
      code: 'ok',
      identifier: 'bundle-user-merge-completed',
    });
  });

  it('refuses a delivery that breaks the definition (one Person instead of two)', async () => {
    merges.length = 0;
    const payload = buildEvent(userMergeCompleted);
    payload.entry?.[0]?.resource && (payload.entry[0].resource as { focus?: unknown[] }).focus?.pop();
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const response = await webhook(await createSignedRequest({ payload, secret }));
    expect(response.status).toBe(400);
    expect(merges).toEqual([]);
  });

  it('builds the event in both shapes from its definition', () => {
    for (const shape of ['bundle', 'header'] as const) {
      const event = parseEvent(buildEvent(userMergeCompleted, { shape }), { events: [userMergeCompleted] });
      expect(event).toMatchObject({ type: 'user-merge-completed', survivorId: '789', mergedId: '789-2' });
    }
  });
});
