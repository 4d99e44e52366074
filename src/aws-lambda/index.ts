/**
 * bwell-webhooks/aws-lambda: serve {@link "bwell-webhooks"!createWebhookHandler}'s receiver as an AWS Lambda
 * function, behind API Gateway (REST and HTTP APIs), a Function URL or an Application Load Balancer.
 *
 * @example
 * ```ts
 * import { toLambdaHandler } from 'bwell-webhooks/aws-lambda';
 *
 * export const handler = toLambdaHandler({
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 *   on: {
 *     'user-delete-completed': async (event) => console.log('delete', event.externalIdentifier?.value),
 *     'data-export-completed': async (event) => console.log('download', event.downloadUrl),
 *   },
 * });
 * ```
 *
 * @module bwell-webhooks/aws-lambda
 */

export type { AlbEvent, ApiGatewayV1Event, ApiGatewayV2Event, LambdaEvent, LambdaResult } from './lambda-events.js';
export type { LambdaHandler } from './to-lambda-handler.js';
export { toLambdaHandler } from './to-lambda-handler.js';
