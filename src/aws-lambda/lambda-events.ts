// The AWS Lambda event and result shapes the shell reads and writes, typed here (only the fields used) so
// that the package needs no @types/aws-lambda; those types' events fit these.

/**
 * An API Gateway REST API event (payload format 1.0), with `multiValueHeaders`.
 *
 * @example
 * ```ts
 * import type { ApiGatewayV1Event } from 'bwell-webhooks/aws-lambda';
 *
 * const path = (event: ApiGatewayV1Event) => event.path;
 * ```
 */
export interface ApiGatewayV1Event {
  readonly httpMethod: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null;
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
  readonly requestContext?: { readonly domainName?: string; readonly path?: string; readonly elb?: undefined };
}

/**
 * An HTTP API or Function URL event (payload format 2.0).
 *
 * @example
 * ```ts
 * import type { ApiGatewayV2Event } from 'bwell-webhooks/aws-lambda';
 *
 * const path = (event: ApiGatewayV2Event) => event.rawPath;
 * ```
 */
export interface ApiGatewayV2Event {
  readonly version: '2.0';
  readonly rawPath: string;
  readonly rawQueryString?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded: boolean;
  readonly requestContext: { readonly domainName?: string; readonly http: { readonly method: string } };
}

/**
 * An Application Load Balancer event, with or without multi-value headers.
 *
 * @example
 * ```ts
 * import type { AlbEvent } from 'bwell-webhooks/aws-lambda';
 *
 * const targetGroup = (event: AlbEvent) => event.requestContext.elb.targetGroupArn;
 * ```
 */
export interface AlbEvent {
  readonly httpMethod: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>>;
  readonly body: string;
  readonly isBase64Encoded: boolean;
  readonly requestContext: { readonly elb: { readonly targetGroupArn: string } };
}

/**
 * Any event {@link toLambdaHandler} takes.
 *
 * @example
 * ```ts
 * import type { LambdaEvent } from 'bwell-webhooks/aws-lambda';
 *
 * const isV2 = (event: LambdaEvent) => 'version' in event && event.version === '2.0';
 * ```
 */
export type LambdaEvent = ApiGatewayV1Event | ApiGatewayV2Event | AlbEvent;

/**
 * The answer, in the shape of the event it answers: API Gateway v1 and v2 read `statusCode`, `headers`,
 * `body` and `isBase64Encoded`; an ALB also `statusDescription`, and `multiValueHeaders` when the target group
 * has multi-value headers on (the event then carries them too).
 *
 * @example
 * ```ts
 * import type { LambdaResult } from 'bwell-webhooks/aws-lambda';
 *
 * const ok = (result: LambdaResult) => result.statusCode === 200;
 * ```
 */
export interface LambdaResult {
  readonly statusCode: number;
  readonly statusDescription?: string;
  readonly headers?: Record<string, string>;
  readonly multiValueHeaders?: Record<string, string[]>;
  readonly body: string;
  readonly isBase64Encoded: boolean;
}
