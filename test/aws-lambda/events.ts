// Lambda events made from Fetch Requests, as API Gateway (payload 1.0 and 2.0) and an ALB make them from HTTP
// requests, and Responses made from Lambda results: so that the status table runs through the Lambda shell.

import type { AlbEvent, ApiGatewayV1Event, ApiGatewayV2Event, LambdaResult } from '../../src/aws-lambda/index.js';

export type Shape = 'v1' | 'v2' | 'alb' | 'alb-multi';

async function parts(request: Request, base64: boolean) {
  const url = new URL(request.url);
  const bytes = request.method === 'GET' || request.method === 'HEAD' ? new Uint8Array() : await request.bytes();
  const body = base64 ? Buffer.from(bytes).toString('base64') : Buffer.from(bytes).toString('utf8');
  const headers: Record<string, string> = { host: url.host };
  for (const [name, value] of request.headers) headers[name] = value;
  if (bytes.byteLength > 0) headers['content-length'] = String(bytes.byteLength);
  const multi = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  return { url, body, headers, multi };
}

/** The event `shape` would carry for `request`, with the body base64-encoded when `base64`. */
export async function lambdaEvent(request: Request, shape: Shape, base64 = false) {
  const { url, body, headers, multi } = await parts(request, base64);
  if (shape === 'v2') {
    const event: ApiGatewayV2Event = {
      version: '2.0',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(body === '' ? {} : { body }),
      isBase64Encoded: base64,
      requestContext: { domainName: url.host, http: { method: request.method } },
    };
    return event;
  }
  if (shape === 'v1') {
    const event: ApiGatewayV1Event = {
      httpMethod: request.method,
      path: url.pathname,
      headers,
      multiValueHeaders: multi,
      body: body === '' ? null : body,
      isBase64Encoded: base64,
      requestContext: { domainName: url.host, path: url.pathname },
    };
    return event;
  }
  const event: AlbEvent = {
    httpMethod: request.method,
    path: url.pathname,
    ...(shape === 'alb-multi' ? { multiValueHeaders: multi } : { headers }),
    body,
    isBase64Encoded: base64,
    requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/webhooks/1' } },
  };
  return event;
}

/** The HTTP answer a Lambda result stands for. */
export function responseOf(result: LambdaResult): Response {
  const headers = new Headers(result.headers);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    for (const value of values) headers.append(name, value);
  }
  const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  return new Response(body, { status: result.statusCode, headers });
}
