import { STATUS_CODES } from 'node:http';
import type { EventDefinition } from '../events/event-definition.js';
import type { HandledType, WebhookHandlerOptions } from '../receive/handler-types.js';
import { createReceiver, type IncomingDelivery, type ReceiverAnswer } from '../receive/receive-delivery.js';
import type { LambdaEvent, LambdaResult } from './lambda-events.js';

/**
 * A Lambda function handler: `(event) => Promise<result>`.
 *
 * @example
 * ```ts
 * import type { LambdaHandler } from 'bwell-webhooks/aws-lambda';
 *
 * const notFound: LambdaHandler = async () => ({ statusCode: 404, body: '', isBase64Encoded: false });
 * ```
 */
export type LambdaHandler = (event: LambdaEvent, context?: unknown) => Promise<LambdaResult>;

/**
 * Serves the receiver as an AWS Lambda function behind API Gateway (REST APIs, payload 1.0; HTTP APIs,
 * payload 2.0), a Function URL (2.0) or an Application Load Balancer. The body arrives whole in the event:
 * a base64-encoded one (`isBase64Encoded`, as API Gateway sends binary media types) is decoded to the bytes
 * the signature covers. The answer comes back in the event's own result shape.
 *
 * The default memory store deduplicates retries only within one warm instance: behind several concurrent
 * instances, give the receiver a shared store (`redisStore` from `bwell-webhooks/redis`).
 *
 * @param optionsOrHandler - The options of {@link "bwell-webhooks"!createWebhookHandler}, or a Fetch handler
 * (which is then given a Fetch `Request` per event).
 * @returns The Lambda handler, to export as your function's handler. It never throws.
 *
 * @example
 * ```ts
 * import { toLambdaHandler } from 'bwell-webhooks/aws-lambda';
 *
 * export const handler = toLambdaHandler({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   on: { 'user-delete-completed': (event) => console.log(event.person.id) },
 *   ignore: ['data-export-completed'],
 * });
 * ```
 */
export function toLambdaHandler<
  Ignored extends HandledType<E> = never,
  const E extends readonly EventDefinition[] = readonly [],
>(optionsOrHandler: WebhookHandlerOptions<Ignored, E> | ((request: Request) => Promise<Response>)): LambdaHandler {
  const receive =
    typeof optionsOrHandler === 'function' ? viaFetch(optionsOrHandler) : createReceiver(optionsOrHandler);
  return async (event) => answer(event, await receive(incomingOf(event)));
}

function incomingOf(event: LambdaEvent): IncomingDelivery {
  const text = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  if ('version' in event && event.version === '2.0') {
    const { requestContext, headers = {} } = event;
    const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
    const host = requestContext.domainName ?? headers.host ?? 'localhost';
    return { method: requestContext.http.method, url: `https://${host}${event.rawPath}${query}`, headers, body };
  }
  const v1 = event as Exclude<LambdaEvent, { readonly version: '2.0' }>;
  const headers = v1.multiValueHeaders ?? v1.headers ?? {};
  const host = (v1.requestContext as { domainName?: string } | undefined)?.domainName ?? first(headers, 'host');
  const path = (v1.requestContext as { path?: string } | undefined)?.path ?? v1.path;
  return { method: v1.httpMethod, url: `https://${host ?? 'localhost'}${path}`, headers, body };
}

function answer(event: LambdaEvent, { status, headers, body }: ReceiverAnswer): LambdaResult {
  if ((event.requestContext as { elb?: unknown } | undefined)?.elb === undefined) {
    return { statusCode: status, headers, body, isBase64Encoded: false };
  }
  // An ALB wants a status line, and multi-value headers back when it sent them.
  const statusDescription = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
  if ((event as { multiValueHeaders?: unknown }).multiValueHeaders === undefined) {
    return { statusCode: status, statusDescription, headers, body, isBase64Encoded: false };
  }
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  return { statusCode: status, statusDescription, multiValueHeaders, body, isBase64Encoded: false };
}

function first(headers: Readonly<Record<string, string | readonly string[] | undefined>>, name: string) {
  for (const key in headers) {
    if (key.toLowerCase() !== name) continue;
    const value = headers[key];
    return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

/** A Fetch handler behind the same shell: one Request per event, for handlers the receiver did not make. */
function viaFetch(handle: (request: Request) => Promise<Response>) {
  return async (incoming: IncomingDelivery): Promise<ReceiverAnswer> => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      for (const item of typeof value === 'string' ? [value] : (value ?? [])) headers.append(name, item);
    }
    const { method } = incoming;
    const body = method === 'GET' || method === 'HEAD' ? null : (incoming.body as Uint8Array<ArrayBuffer>);
    let response: Response;
    try {
      response = await handle(new Request(incoming.url, { method, headers, body }));
    } catch {
      response = new Response(null, { status: 500 });
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  };
}
