import { describe, expect, it } from 'vitest';
import { type ApiGatewayV1Event, type ApiGatewayV2Event, toLambdaHandler } from '../../src/aws-lambda/index.js';
import { createWebhookHandler } from '../../src/index.js';
import { buildUserDeleteCompleted } from '../../src/testing/index.js';
import { describeStatusTable, IGNORE_ALL, NOW, readAcknowledgement, SECRET, signed } from '../receive/status-table.js';
import { lambdaEvent, responseOf, type Shape } from './events.js';

const shapes: Shape[] = ['v1', 'v2', 'alb', 'alb-multi'];

for (const shape of shapes) {
  describeStatusTable(
    `toLambdaHandler (${shape})`,
    async (options) => {
      const handler = toLambdaHandler(options);
      return {
        send: async (request) => responseOf(await handler(await lambdaEvent(request, shape))),
        close: async () => {},
      };
    },
    { streaming: false },
  );
}

describe('toLambdaHandler', () => {
  it('decodes a base64-encoded body (isBase64Encoded) to the bytes the signature covers, in every shape', async () => {
    const seen: string[] = [];
    const handler = toLambdaHandler({
      secret: SECRET,
      now: () => NOW,
      on: { 'user-delete-completed': (event) => seen.push(event.person.id) },
      ignore: ['data-export-completed'],
    });
    for (const [i, shape] of shapes.entries()) {
      const request = await signed(buildUserDeleteCompleted({ personId: `p${i}` }), `msg_base64_${i}`);
      const result = await handler(await lambdaEvent(request, shape, true));
      expect([shape, result.statusCode]).toEqual([shape, 200]);
    }
    expect(seen).toEqual(['p0', 'p1', 'p2', 'p3']);
  });

  it('answers in each event shape: an ALB gets a status line, and multi-value headers when it sent them', async () => {
    const handler = toLambdaHandler({ secret: SECRET, now: () => NOW, ...IGNORE_ALL });
    const request = () => signed(buildUserDeleteCompleted());
    const v2 = await handler(await lambdaEvent(await request(), 'v2'));
    expect(v2).toMatchObject({
      statusCode: 200,
      isBase64Encoded: false,
      headers: { 'content-type': 'application/fhir+json' },
    });
    expect(v2).not.toHaveProperty('statusDescription');
    const alb = await handler(await lambdaEvent(await request(), 'alb'));
    expect(alb).toMatchObject({
      statusCode: 200,
      statusDescription: '200 OK',
      headers: { 'content-type': 'application/fhir+json' },
    });
    const multi = await handler(await lambdaEvent(await request(), 'alb-multi'));
    expect(multi).toMatchObject({
      statusDescription: '200 OK',
      multiValueHeaders: { 'content-type': ['application/fhir+json'] },
    });
    expect(multi).not.toHaveProperty('headers');
  });

  it('gives handlers the method, URL and headers of the event', async () => {
    const seen: string[] = [];
    const handler = toLambdaHandler({
      secret: SECRET,
      now: () => NOW,
      on: {
        'user-delete-completed': (_event, context) => {
          seen.push(`${context.method} ${context.url} ${context.headers.get('webhook-id')} ${context.request.method}`);
        },
      },
      ignore: ['data-export-completed'],
    });
    const request = await signed(buildUserDeleteCompleted(), 'msg_context');
    await handler(await lambdaEvent(new Request('https://hooks.example/prod/webhook', request), 'v2'));
    expect(seen).toEqual(['POST https://hooks.example/prod/webhook msg_context POST']);
  });

  it('serves a Fetch handler too', async () => {
    const handler = toLambdaHandler(createWebhookHandler({ secret: SECRET, now: () => NOW, ...IGNORE_ALL }));
    const result = await handler(await lambdaEvent(await signed(buildUserDeleteCompleted()), 'v1', true));
    expect(result.statusCode).toBe(200);
    expect(await readAcknowledgement(responseOf(result))).toMatchObject({ code: 'ok' });
    const broken = toLambdaHandler(() => Promise.reject(new Error('broken')));
    expect((await broken(await lambdaEvent(await signed(buildUserDeleteCompleted()), 'v2'))).statusCode).toBe(500);
  });
});

describe('toLambdaHandler URLs', () => {
  it('makes the URL from the Host header when the event names no domain', async () => {
    const urls: string[] = [];
    const handler = toLambdaHandler({
      secret: SECRET,
      now: () => NOW,
      on: { 'user-delete-completed': (_event, context) => urls.push(context.url) },
      ignore: ['data-export-completed'],
    });
    const request = await signed(buildUserDeleteCompleted(), 'msg_v1_host');
    const { requestContext: _, ...v1 } = (await lambdaEvent(
      new Request('https://hooks.example/webhook', request),
      'v1',
    )) as ApiGatewayV1Event;
    await handler({ ...v1, multiValueHeaders: null });
    const again = await signed(buildUserDeleteCompleted(), 'msg_v2_host');
    const v2 = (await lambdaEvent(new Request('https://hooks.example/hook?x=1', again), 'v2')) as ApiGatewayV2Event;
    await handler({ ...v2, requestContext: { http: { method: 'POST' } } });
    expect(urls).toEqual(['https://hooks.example/webhook', 'https://hooks.example/hook?x=1']);
  });
});
