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
  /** The HTTP method. */
  readonly httpMethod: string;
  /** The request path. */
  readonly path: string;
  /** The headers, the last value of each. */
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  /** The headers, every value of each. */
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null;
  /** The body, as text or base64. */
  readonly body: string | null;
  /** Whether `body` is base64. */
  readonly isBase64Encoded: boolean;
  /** Where the request came in: the API's domain, and the path with its stage. */
  readonly requestContext?: {
    /** The API's domain name. */
    readonly domainName?: string;
    /** The path, with the stage. */
    readonly path?: string;
    /** Never set: only ALB events carry it. */
    readonly elb?: undefined;
  };
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
  /** The payload format version. */
  readonly version: '2.0';
  /** The request path. */
  readonly rawPath: string;
  /** The query string, without `?`. */
  readonly rawQueryString?: string;
  /** The headers (repeated ones joined by commas). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** The body, as text or base64. */
  readonly body?: string;
  /** Whether `body` is base64. */
  readonly isBase64Encoded: boolean;
  /** Where the request came in, and its HTTP method. */
  readonly requestContext: {
    /** The API's (or the Function URL's) domain name. */
    readonly domainName?: string;
    /** The HTTP request line's parts. */
    readonly http: {
      /** The HTTP method. */
      readonly method: string;
    };
  };
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
  /** The HTTP method. */
  readonly httpMethod: string;
  /** The request path. */
  readonly path: string;
  /** The headers (repeated ones joined by commas). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** The headers, every value of each, when the target group has multi-value headers on. */
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>>;
  /** The body, as text or base64. */
  readonly body: string;
  /** Whether `body` is base64. */
  readonly isBase64Encoded: boolean;
  /** The target group the request came through. */
  readonly requestContext: {
    /** The load balancer's part. */
    readonly elb: {
      /** The target group's ARN. */
      readonly targetGroupArn: string;
    };
  };
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
  /** The HTTP status. */
  readonly statusCode: number;
  /** The status line (ALB only), such as `200 OK`. */
  readonly statusDescription?: string;
  /** The answer's headers. */
  readonly headers?: Record<string, string>;
  /** The answer's headers, for an ALB with multi-value headers on. */
  readonly multiValueHeaders?: Record<string, string[]>;
  /** The body, as text or base64. */
  readonly body: string;
  /** Whether `body` is base64. */
  readonly isBase64Encoded: boolean;
}
