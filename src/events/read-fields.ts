// The strict readers behind the event catalogue: they return the value an event needs or throw a
// WebhookError whose pointer is relative to the document received. Internal: never exported.

import type { Bundle, Identifier, MessageHeader } from 'fhir/r4.js';
import { excerpt } from '../lib/excerpt.js';
import { invalidField, missingField } from '../lib/fail.js';
import { CLIENT_IDENTIFIER_SYSTEM, extensionUrls, findExtension, isJsonObject, type JsonObject } from '../lib/fhir.js';
import type { Path } from '../lib/pointer.js';
import { isHttpsUrl } from '../lib/url.js';
import type { EventMessage } from './event-definition.js';
import { conflicting } from './resolve-focus.js';
import type { ConformanceIssue, FocusedPerson, FocusReference } from './types.js';

/** A structurally valid message, as parse hands it to the catalogue. */
export interface ReceivedMessage {
  readonly messageHeader: MessageHeader;
  readonly bundle: Bundle | undefined;
  /** Where the MessageHeader sits in the document: `[]` (bare) or `['entry', 0, 'resource']` (Bundle). */
  readonly path: Path;
  /** The issues found so far: parse's, then any a later step adds (pushed, so that every step shares one list). */
  readonly issues: ConformanceIssue[];
}

// Pure: a bundle that never reads an event (verification alone) drops them.
const EXTERNAL_IDENTIFIER = /* @__PURE__ */ extensionUrls('external-identifier');
const DOWNLOAD_URL = /* @__PURE__ */ extensionUrls('download-url');

/** What a built-in event's reader gets: the message as parse checked it, and as `read` sees it. */
export interface ReadableMessage extends ReceivedMessage, EventMessage {}

/** The one Person among the resolved focus (the definition's focus rules guarantee exactly one), with its id. */
export function requirePerson(message: ReadableMessage): FocusedPerson {
  const { focus } = message;
  let i = 0;
  while (i < focus.length && (focus[i] as FocusReference).resourceType !== 'Person') i++;
  const found = focus[i];
  if (found === undefined) throw missingField([...message.path, 'focus'], 'exactly one Person focus');
  // A Person known only by a urn:uuid and carrying no id of its own: the event could not say which user it means.
  if (found.id === undefined) {
    if (found.resource !== undefined) throw missingField(pathOf(message, found.resource, 'id'), 'the id of the Person');
    throw invalidField(
      [...message.path, 'focus', i, 'reference'],
      "a reference that gives the Person's id",
      found.reference,
    );
  }
  return found as FocusedPerson;
}

/**
 * The client's identifier: the external-identifier extension, else the focused Person's identifier with system
 * `urn:client:identifier`. Where the message gives it more than once, every copy must agree: two different
 * identifiers would let a receiver delete or export the wrong user.
 */
export function readExternalIdentifier(
  message: ReceivedMessage,
  person: FocusReference | undefined,
): Identifier | undefined {
  const fromExtension = readExtensionIdentifier(message);
  const fromPerson = readPersonIdentifier(message, person);
  if (fromExtension === undefined) return fromPerson?.identifier;
  const { identifier, at } = fromExtension;
  const sameSystem = identifier.system === undefined || identifier.system === CLIENT_IDENTIFIER_SYSTEM;
  if (fromPerson !== undefined && sameSystem && identifier.value !== fromPerson.identifier.value) {
    throw conflicting([...at(), 'value'], `the Person's ${CLIENT_IDENTIFIER_SYSTEM} value`, quote(identifier.value));
  }
  return identifier;
}

interface Found {
  readonly identifier: Identifier;
  /** Where the identifier sits, built only for an error. */
  readonly at: () => Path;
}

function readExtensionIdentifier(message: ReceivedMessage): Found | undefined {
  const extensions = message.messageHeader.extension as unknown as JsonObject[] | undefined;
  let first: Found | undefined;
  for (
    let index = findExtension(extensions, EXTERNAL_IDENTIFIER);
    index !== -1;
    index = findExtension(extensions, EXTERNAL_IDENTIFIER, index + 1)
  ) {
    const extension = (extensions as JsonObject[])[index] as JsonObject;
    const at = () => [...message.path, 'extension', index, 'valueIdentifier'];
    // A present but mistyped identifier is refused rather than skipped: silently falling back could
    // make a receiver delete or skip the wrong user.
    if (!isJsonObject(extension.valueIdentifier)) {
      const key = valueKeyOf(extension);
      throw invalidField([...message.path, 'extension', index, key], 'a valueIdentifier', extension[key]);
    }
    const identifier = checkIdentifier(extension.valueIdentifier, at);
    if (first === undefined) first = { identifier, at };
    else if (identifier.system !== first.identifier.system || identifier.value !== first.identifier.value) {
      throw conflicting([...at(), 'value'], 'the identifier of the first external-identifier', quote(identifier.value));
    }
  }
  return first;
}

function readPersonIdentifier(message: ReceivedMessage, person: FocusReference | undefined): Found | undefined {
  const identifiers: unknown = (person?.resource as JsonObject | undefined)?.identifier;
  if (!Array.isArray(identifiers)) return undefined;
  let first: Found | undefined;
  for (let i = 0; i < identifiers.length; i++) {
    const item: unknown = identifiers[i];
    if (!isJsonObject(item) || item.system !== CLIENT_IDENTIFIER_SYSTEM) continue;
    const at = () => pathOf(message, person?.resource, 'identifier', i);
    const identifier = checkIdentifier(item, at);
    if (first === undefined) first = { identifier, at };
    else if (identifier.value !== first.identifier.value) {
      throw conflicting([...at(), 'value'], `one ${CLIENT_IDENTIFIER_SYSTEM} value`, quote(identifier.value));
    }
  }
  return first;
}

// The identifier fields a receiver passes on (to a database query, say) are strings, or the message is refused:
// `{"$exists": true}` where a value should be must never reach the receiver's code.
function checkIdentifier(identifier: JsonObject, at: () => Path): Identifier {
  const { system, value } = identifier;
  if (system !== undefined && typeof system !== 'string') throw invalidField([...at(), 'system'], 'a string', system);
  if (value !== undefined && typeof value !== 'string') throw invalidField([...at(), 'value'], 'a string', value);
  return identifier as Identifier;
}

/**
 * The download-url extension's value (`valueUri`, or `valueUrl`), verbatim, when it is an absolute https URL;
 * every download-url extension must give the same one.
 */
export function requireDownloadUrl(message: ReceivedMessage): string {
  const extensions = message.messageHeader.extension as unknown as JsonObject[] | undefined;
  let url: string | undefined;
  for (
    let index = findExtension(extensions, DOWNLOAD_URL);
    index !== -1;
    index = findExtension(extensions, DOWNLOAD_URL, index + 1)
  ) {
    const extension = (extensions as JsonObject[])[index] as JsonObject;
    const value = extension.valueUri ?? extension.valueUrl;
    // Returned as sent: b.well's own example has two `#` that a URL round trip would not keep.
    if (typeof value !== 'string' || !isHttpsUrl(value)) {
      const key = valueKeyOf(extension);
      const expected =
        key === 'valueUri' || key === 'valueUrl' ? 'an absolute https:// URL' : 'a valueUri holding an https URL';
      throw invalidField([...message.path, 'extension', index, key], expected, extension[key]);
    }
    if (url === undefined) url = value;
    else if (value !== url) {
      const key = valueKeyOf(extension);
      throw conflicting([...message.path, 'extension', index, key], 'the URL of the first download-url', quote(value));
    }
  }
  if (url === undefined) throw missingField([...message.path, 'extension'], 'a download-url extension');
  return url;
}

// The extension's value[x] key; parse has already checked that there is exactly one.
function valueKeyOf(extension: JsonObject): string {
  return Object.keys(extension).find((key) => key.startsWith('value')) ?? 'value';
}

// Where a resource the focus resolved to sits: an entry of the Bundle or a resource contained in the header.
// Searched only to build an error's pointer, so the happy path never pays for it.
function pathOf(message: ReceivedMessage, resource: unknown, ...more: (string | number)[]): Path {
  const entries: unknown = (message.bundle as unknown as JsonObject | undefined)?.entry;
  if (Array.isArray(entries)) {
    const index = entries.findIndex((entry) => isJsonObject(entry) && entry.resource === resource);
    if (index !== -1) return ['entry', index, 'resource', ...more];
  }
  const contained: unknown = (message.messageHeader as unknown as JsonObject).contained;
  const index = Array.isArray(contained) ? contained.indexOf(resource) : -1;
  return [...message.path, ...(index === -1 ? [] : ['contained', index]), ...more];
}

const quote = (value: unknown): string => JSON.stringify(excerpt(String(value)));
