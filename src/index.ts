/**
 * bwell-webhooks: receive b.well's FHIR R4 webhooks. Verify the signature, parse the MessageHeader or
 * message Bundle into a typed event, and acknowledge the delivery, on any runtime with Web standards.
 *
 * @module
 */

// Errors (floor 0)
export { isWebhookError, WEBHOOK_ERROR_CODES, WebhookError } from './errors.js';
export type { WebhookErrorCode, WebhookErrorOptions } from './errors.js';

// Events (floor 1)
export type {
  DataExportCompletedEvent,
  FocusedPerson,
  KnownEventType,
  UnknownEvent,
  UserDeleteCompletedEvent,
  WebhookEvent,
  WebhookEventBase,
} from './events/types.js';

// Extractors (floor 1)

// Parse (floor 2)

// Verify and sign (floor 3)

// Receive (floor 4)
