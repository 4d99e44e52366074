import type { WebhookEvent } from '../index.js';
import { escapeControl } from './escape.js';

/** What the CLI shows of an event: the fields a receiver acts on, as plain strings. */
export interface EventSummary {
  readonly type: WebhookEvent['type'];
  /** For an unknown event: its eventCoding (`system|code`) or eventUri. */
  readonly event?: string;
  readonly person?: string;
  /** FHIR token form `system|value`. */
  readonly externalIdentifier?: string;
  readonly downloadUrl?: string;
}

/** Summarises a parsed event for printing or `--json`. */
export function summariseEvent(event: WebhookEvent): EventSummary {
  if (event.type === 'unknown') {
    const coding = event.eventCoding;
    return { type: event.type, event: coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : (event.eventUri ?? '') };
  }
  const identifier = event.externalIdentifier;
  return {
    type: event.type,
    person: event.person.reference,
    ...(identifier && { externalIdentifier: `${identifier.system ?? ''}|${identifier.value ?? ''}` }),
    ...(event.type === 'data-export-completed' && { downloadUrl: event.downloadUrl }),
  };
}

/**
 * One line: `user-delete-completed: person Person/789, external id urn:client:identifier|a5dd...`. The values
 * come from the body, so control characters in them are escaped.
 */
export function formatSummary(summary: EventSummary): string {
  const parts: string[] = [];
  if (summary.event !== undefined) parts.push(`event ${summary.event}`);
  if (summary.person !== undefined) parts.push(`person ${summary.person}`);
  if (summary.externalIdentifier !== undefined) parts.push(`external id ${summary.externalIdentifier}`);
  if (summary.downloadUrl !== undefined) parts.push(`download ${summary.downloadUrl}`);
  return `${summary.type}: ${escapeControl(parts.join(', '))}`;
}

/** The error code in a FHIR acknowledgement's OperationOutcome, as createWebhookHandler writes it. */
export function errorCodeOf(body: unknown): string | undefined {
  const entries = (body as { entry?: { resource?: { issue?: { details?: { coding?: unknown[] } }[] } }[] })?.entry;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) {
    for (const issue of entry?.resource?.issue ?? []) {
      for (const coding of issue?.details?.coding ?? []) {
        const { system, code } = (coding ?? {}) as { system?: unknown; code?: unknown };
        if (system === 'urn:bwell-webhooks:error-code' && typeof code === 'string') return code;
      }
    }
  }
  return undefined;
}
