import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { describeStatusTable, NOW, SECRET, signed } from '../receive/status-table.js';
import { mountServer } from './serve.js';

describeStatusTable('node:http with toNodeListener(options)', (options) =>
  mountServer(createServer(toNodeListener(options))),
);

describeStatusTable('node:http with toNodeListener(handler)', (options) =>
  mountServer(createServer(toNodeListener(createWebhookHandler(options)))),
);

describe('toNodeListener', () => {
  it('answers a delivery sent in many small chunks', async () => {
    const seen: string[] = [];
    const listener = toNodeListener({
      secret: SECRET,
      now: () => NOW,
      on: { 'user-delete-completed': (event) => seen.push(event.person.id) },
      ignore: ['data-export-completed'],
    });
    const receiver = await mountServer(createServer(listener));
    try {
      const request = await signed(buildUserDeleteCompleted({ personId: '4242' }));
      const bytes = new Uint8Array(await request.arrayBuffer());
      let offset = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.slice(offset, offset + 7));
          offset += 7;
        },
      });
      const response = await receiver.send(
        new Request(request.url, { method: 'POST', headers: request.headers, body, duplex: 'half' } as RequestInit),
      );
      expect(response.status).toBe(200);
    } finally {
      await receiver.close();
    }
    expect(seen).toEqual(['4242']);
  });

  it('answers 500 when a handler of its own throws', async () => {
    const receiver = await mountServer(createServer(toNodeListener(() => Promise.reject(new Error('broken')))));
    try {
      expect((await receiver.send(new Request('http://x/', { method: 'POST', body: '{}' }))).status).toBe(500);
    } finally {
      await receiver.close();
    }
  });
});
