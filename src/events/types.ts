import type { Bundle, Coding, Identifier, MessageHeader, Person, Resource } from 'fhir/r4.js';

/**
 * How a focus reference was resolved (R4 bundle.html, "Resolving references in Bundles"):
 * - `'fullUrl'`: an absolute URL or `urn:uuid:` equal to an entry's `fullUrl`;
 * - `'relative'`: `Type/id` against the base of the MessageHeader entry's RESTful `fullUrl`;
 * - `'contained'`: `#id`, a resource contained in the MessageHeader;
 * - `'id'`: `Type/id` where the MessageHeader entry has no RESTful `fullUrl` (b.well's own Bundles), by the
 *   one entry whose resource or `fullUrl` is that type and id;
 * - `'none'`: the message does not carry the resource (a bare MessageHeader, or no entry matches).
 *
 * @example
 * ```ts
 * import type { FocusResolution } from 'bwell-webhooks';
 *
 * const carried = (how: FocusResolution) => how !== 'none';
 * ```
 */
export type FocusResolution = 'fullUrl' | 'relative' | 'contained' | 'id' | 'none';

/**
 * One `MessageHeader.focus` reference, resolved: what it names and, when the message carries it, the resource.
 *
 * @example
 * ```ts
 * import type { FocusReference } from 'bwell-webhooks';
 *
 * const describe = (focus: FocusReference) => `${focus.resourceType}/${focus.id ?? '?'} (${focus.resolvedBy})`;
 * ```
 */
export interface FocusReference {
  /** The reference as sent: `Person/789`, `https://.../Person/789`, `urn:uuid:...` or `#p1`. */
  readonly reference: string;
  /** The type of the resource named: the resource's own, else the reference's, else `focus.type`. */
  readonly resourceType: string;
  /** The id of the resource named (its own, else the reference's); `undefined` when neither gives one. */
  readonly id: string | undefined;
  /** The resource, when the message carries it (a Bundle entry or a contained resource). */
  readonly resource: Resource | undefined;
  /** How the reference was resolved. */
  readonly resolvedBy: FocusResolution;
}

/**
 * The person an event is about: the `MessageHeader.focus` reference to a `Person`, resolved as FHIR resolves
 * references in a Bundle (see {@link FocusResolution}), and the `Person` resource when the message carries it.
 *
 * @example
 * ```ts
 * import type { FocusedPerson } from 'bwell-webhooks';
 *
 * const person: FocusedPerson = {
 *   reference: 'Person/789',
 *   resourceType: 'Person',
 *   id: '789',
 *   resource: undefined,
 *   resolvedBy: 'none',
 * };
 * ```
 */
export interface FocusedPerson extends FocusReference {
  /** The literal reference as sent: `Person/<id>`, an absolute URL, `urn:uuid:...` or `#id`. */
  readonly reference: string;
  /** Always `'Person'`. */
  readonly resourceType: 'Person';
  /** The Person's id: the resource's own, else the one the reference (or the entry's `fullUrl`) gives. */
  readonly id: string;
  /** The `Person` the reference names, when the message carries it; `undefined` for a bare MessageHeader. */
  readonly resource: Person | undefined;
}

/**
 * A FHIR R4 rule the message breaks without changing who or what the event is about: reported on
 * {@link WebhookEventBase.issues} rather than refused (or refused as `nonconformant_message` under
 * `validation: 'strict'`). docs/conformance.md lists every rule and why it is reported.
 *
 * @example
 * ```ts
 * import type { ConformanceIssue } from 'bwell-webhooks';
 *
 * const issue: ConformanceIssue = {
 *   rule: 'format',
 *   pointer: '/timestamp',
 *   message: 'Expected a FHIR instant at /timestamp, found the string "yesterday".',
 * };
 * ```
 */
export interface ConformanceIssue {
  /**
   * The rule broken: an R4 invariant's key (`bdl-7`, `ele-1`, `ext-1`, `dom-3`, `ref-1`), the element whose rule it is
   * (`MessageHeader.definition`), or `format` (a
   * primitive's R4 regex), `cardinality`, `binding` (a required binding), `unknown-property`,
   * `resource-type` or `json` (json.html's rules for arrays and `_x` twins).
   */
  readonly rule: string;
  /** The RFC 6901 JSON pointer of the value at fault, relative to the document received. */
  readonly pointer: string;
  /** What was expected and what was found, in the words of a {@link WebhookError} message. */
  readonly message: string;
}

/**
 * What every event has, known or not.
 *
 * @example
 * ```ts
 * import type { WebhookEventBase } from 'bwell-webhooks';
 *
 * const header = (event: WebhookEventBase) => event.messageHeader.source.endpoint;
 * ```
 */
export interface WebhookEventBase {
  /** The FHIR R4 MessageHeader: the whole delivery in the bare shape, the first entry in the Bundle shape. */
  readonly messageHeader: MessageHeader;
  /** The message Bundle, when the delivery was one; `undefined` for a bare MessageHeader. */
  readonly bundle: Bundle | undefined;
  /**
   * The R4 rules the message breaks that do not change its meaning, shallowest first; empty when the
   * message is conformant. `parseEvent(input, { validation: 'strict' })` refuses such messages instead.
   */
  readonly issues: readonly ConformanceIssue[];
}

/**
 * b.well finished deleting a user: delete your own data for {@link UserDeleteCompletedEvent.externalIdentifier}.
 *
 * @example
 * ```ts
 * import type { UserDeleteCompletedEvent } from 'bwell-webhooks';
 *
 * const onDelete = (event: UserDeleteCompletedEvent) => event.externalIdentifier?.value;
 * ```
 */
export interface UserDeleteCompletedEvent extends WebhookEventBase {
  /** The discriminant: `switch (event.type)` narrows to this interface. */
  readonly type: 'user-delete-completed';
  /** Every `MessageHeader.focus`, resolved; the event's MessageDefinition says which are allowed. */
  readonly focus: readonly FocusReference[];
  /** The b.well `Person` the event is about: the one `Person` among `MessageHeader.focus`. */
  readonly person: FocusedPerson;
  /**
   * Your identifier of the user: the `external-identifier` extension's `valueIdentifier` if present, else the
   * focused Person's identifier with system `urn:client:identifier`; `undefined` when the message has neither.
   */
  readonly externalIdentifier: Identifier | undefined;
}

/**
 * b.well finished exporting a user's data: fetch it from {@link DataExportCompletedEvent.downloadUrl}.
 *
 * @example
 * ```ts
 * import type { DataExportCompletedEvent } from 'bwell-webhooks';
 *
 * const onExport = (event: DataExportCompletedEvent) => new URL(event.downloadUrl);
 * ```
 */
export interface DataExportCompletedEvent extends WebhookEventBase {
  /** The discriminant: `switch (event.type)` narrows to this interface. */
  readonly type: 'data-export-completed';
  /** Every `MessageHeader.focus`, resolved; the event's MessageDefinition says which are allowed. */
  readonly focus: readonly FocusReference[];
  /** The b.well `Person` the event is about: the one `Person` among `MessageHeader.focus`. */
  readonly person: FocusedPerson;
  /** Your identifier of the user, found as for {@link UserDeleteCompletedEvent.externalIdentifier}. */
  readonly externalIdentifier: Identifier | undefined;
  /**
   * Where to download the export: always an absolute `https://` URL, exactly as b.well sent it (b.well's own
   * example has two `#`, which a round trip through `URL` would not keep).
   */
  readonly downloadUrl: string;
}

/**
 * A well-formed message whose event this version of the SDK does not know (another code, another system,
 * or an `eventUri`). Returned, never thrown, so that b.well can add events without breaking receivers;
 * `parseEvent(input, { unknownEvents: 'reject' })` turns it into an `unknown_event` error instead.
 *
 * @example
 * ```ts
 * import type { UnknownEvent } from 'bwell-webhooks';
 *
 * const describe = (event: UnknownEvent) => event.eventCoding?.code ?? event.eventUri;
 * ```
 */
export interface UnknownEvent extends WebhookEventBase {
  /** The discriminant of an event this SDK does not know; see {@link UnknownEvent.eventCoding}. */
  readonly type: 'unknown';
  /** The message's `eventCoding`, when it has one. */
  readonly eventCoding: Coding | undefined;
  /** The message's `eventUri`, when it has one. */
  readonly eventUri: string | undefined;
}

/**
 * Every event `parseEvent` can return, discriminated on `type`: a `switch (event.type)` narrows.
 *
 * @example
 * ```ts
 * import { parseEvent, type WebhookEvent } from 'bwell-webhooks';
 *
 * function handle(event: WebhookEvent) {
 *   switch (event.type) {
 *     case 'user-delete-completed': return event.externalIdentifier;
 *     case 'data-export-completed': return event.downloadUrl;
 *     case 'unknown': return undefined;
 *   }
 * }
 * ```
 */
export type WebhookEvent = UserDeleteCompletedEvent | DataExportCompletedEvent | UnknownEvent;

/**
 * The `type` of every event this SDK knows: `WebhookEvent['type']` without `'unknown'`.
 *
 * @example
 * ```ts
 * import type { KnownEventType } from 'bwell-webhooks';
 *
 * const watched: KnownEventType[] = ['user-delete-completed'];
 * ```
 */
export type KnownEventType = Exclude<WebhookEvent['type'], 'unknown'>;
