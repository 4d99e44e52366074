/**
 * bwell-webhooks: receive b.well's FHIR R4 webhooks. Verify the signature, parse the MessageHeader or
 * message Bundle into a typed event, and acknowledge the delivery, on any runtime with Web standards.
 *
 * @module bwell-webhooks
 */

// Errors (floor 0)
export type { WebhookErrorCode, WebhookErrorOptions } from './errors.js';
export { isWebhookError, WEBHOOK_ERROR_CODES, WebhookError } from './errors.js';

// Events (floor 1)
export { defineEvent } from './events/define-event.js';
export type {
  DefinedEvent,
  DefineEventOptions,
  EventDefinition,
  EventMessage,
  EventOf,
  MessageDefinitionInput,
} from './events/event-definition.js';
export { MESSAGE_DEFINITIONS } from './events/message-definitions.js';
export type {
  ConformanceIssue,
  DataExportCompletedEvent,
  FocusedPerson,
  FocusReference,
  FocusResolution,
  KnownEventType,
  UnknownEvent,
  UserDeleteCompletedEvent,
  WebhookEvent,
  WebhookEventBase,
} from './events/types.js';

// Extractors (floor 1)
export { getDownloadUrl } from './extract/get-download-url.js';
export { getExternalIdentifier } from './extract/get-external-identifier.js';

// Parse (floor 2)
export type { RawBody } from './lib/bytes.js';
export { DEFAULT_MAX_BYTES } from './parse/limits.js';
export type { ParsedEvent, ParseOptions } from './parse/parse-event.js';
export { parseEvent } from './parse/parse-event.js';
export type { SafeParseResult } from './parse/safe-parse-event.js';
export { safeParseEvent } from './parse/safe-parse-event.js';

// Receive (floor 4)
export type { AcknowledgementOptions } from './receive/create-acknowledgement.js';
export { createAcknowledgement } from './receive/create-acknowledgement.js';
export { createWebhookHandler } from './receive/create-webhook-handler.js';
export type {
  EventHandler,
  EventHandlers,
  HandledType,
  ReceivedRequest,
  WebhookContext,
  WebhookErrorContext,
  WebhookHandlerOptions,
  WebhookIssuesContext,
} from './receive/handler-types.js';
export type { ClaimResult, IdempotencyStore } from './receive/idempotency-store.js';
export type { MemoryStoreOptions } from './receive/memory-store.js';
export { memoryStore } from './receive/memory-store.js';
export type { AcknowledgementCode, ReceiveResponse } from './receive/responses.js';
export { RECEIVE_RESPONSES } from './receive/responses.js';

// Verify and sign (floor 3)
export { generateSecret } from './sign/generate-secret.js';
export type { SignedHeaders, SignPayloadOptions } from './sign/sign-payload.js';
export { signPayload } from './sign/sign-payload.js';
export type { GithubSignatureSchemeOptions } from './verify/github-signature-scheme.js';
export { githubSignatureScheme } from './verify/github-signature-scheme.js';
export type { HeadersInput } from './verify/headers.js';
export type { SignatureAlgorithm, SignatureFormat, SignatureScheme } from './verify/scheme.js';
export { standardWebhooks } from './verify/scheme.js';
export type { WebhookSecret } from './verify/secrets.js';
export type { VerifyEventOptions } from './verify/verify-event.js';
export { verifyEvent } from './verify/verify-event.js';
export type { VerifiedDelivery, VerifySignatureOptions } from './verify/verify-signature.js';
export { verifySignature } from './verify/verify-signature.js';
