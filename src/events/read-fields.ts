// The strict readers behind the event catalogue: they return the value an event needs or throw a
// WebhookError whose pointer is relative to the document received. Internal: never exported.

import type { Bundle, Identifier, MessageHeader } from 'fhir/r4.js';
import { invalidField, missingField } from '../lib/fail.js';
import { findClientIdentifier, findExtension, findPersonEntry, isJsonObject, personIdOf } from '../lib/fhir.js';
import type { Path } from '../lib/pointer.js';
import { isHttpsUrl } from '../lib/url.js';
import type { ConformanceIssue, FocusedPerson } from './types.js';

/** A structurally valid message, as parse hands it to the catalogue. */
export interface ReceivedMessage {
  readonly messageHeader: MessageHeader;
  readonly bundle: Bundle | undefined;
  /** Where the MessageHeader sits in the document: `[]` (bare) or `['entry', 0, 'resource']` (Bundle). */
  readonly path: Path;
  /** The issues found so far: parse's, then any a later step adds (pushed, so that every step shares one list). */
  readonly issues: ConformanceIssue[];
}

/** The one `Person/<id>` among `focus`; anything else is refused, since the event acts on that person. */
export function requirePerson(message: ReceivedMessage): FocusedPerson {
  const { path } = message;
  const focus: unknown = message.messageHeader.focus;
  if (focus === undefined) throw missingField([...path, 'focus'], 'a focus reference of the form Person/<id>');
  if (!Array.isArray(focus)) throw invalidField([...path, 'focus'], 'an array of references', focus);
  let found: FocusedPerson | undefined;
  for (let i = 0; i < focus.length; i++) {
    const reference: unknown = isJsonObject(focus[i]) ? focus[i].reference : undefined;
    const id = personIdOf(reference);
    if (id === undefined) continue;
    // Two people in one delete or export event is ambiguous: acting on either could be wrong.
    if (found !== undefined) {
      throw invalidField([...path, 'focus', i, 'reference'], 'exactly one Person focus', reference);
    }
    found = { reference: reference as string, id, resource: findPersonEntry(message.bundle, id) };
  }
  if (found !== undefined) return found;
  const first: unknown = focus[0];
  if (!isJsonObject(first)) throw invalidField([...path, 'focus', 0], 'a Reference object', first);
  if (first.reference === undefined) {
    throw missingField([...path, 'focus', 0, 'reference'], 'a reference of the form Person/<id>');
  }
  throw invalidField([...path, 'focus', 0, 'reference'], 'a reference of the form Person/<id>', first.reference);
}

/** The client's identifier: the external-identifier extension first, then the Bundle's focused Person. */
export function readExternalIdentifier(message: ReceivedMessage, person: FocusedPerson): Identifier | undefined {
  const extensions: unknown = message.messageHeader.extension;
  const index = findExtension(extensions, 'external-identifier');
  if (index === -1) return findClientIdentifier(person.resource);
  const extension = (extensions as Record<string, unknown>[])[index] as Record<string, unknown>;
  // A present but mistyped identifier is refused rather than skipped: silently falling back could
  // make a receiver delete or skip the wrong user.
  if (!isJsonObject(extension.valueIdentifier)) {
    const key = valueKeyOf(extension);
    throw invalidField([...message.path, 'extension', index, key], 'a valueIdentifier', extension[key]);
  }
  return extension.valueIdentifier as Identifier;
}

/** The download-url extension's value (`valueUri`, or `valueUrl`), verbatim, when it is an absolute https URL. */
export function requireDownloadUrl(message: ReceivedMessage): string {
  const extensions: unknown = message.messageHeader.extension;
  const index = findExtension(extensions, 'download-url');
  if (index === -1) throw missingField([...message.path, 'extension'], 'a download-url extension');
  const extension = (extensions as Record<string, unknown>[])[index] as Record<string, unknown>;
  const value = extension.valueUri ?? extension.valueUrl;
  // Returned as sent: b.well's own example has two `#` that a URL round trip would not keep.
  if (typeof value === 'string' && isHttpsUrl(value)) return value;
  const key = valueKeyOf(extension);
  const expected =
    key === 'valueUri' || key === 'valueUrl' ? 'an absolute https:// URL' : 'a valueUri holding an https URL';
  throw invalidField([...message.path, 'extension', index, key], expected, extension[key]);
}

// The extension's value[x] key; parse has already checked that there is exactly one.
function valueKeyOf(extension: Record<string, unknown>): string {
  return Object.keys(extension).find((key) => key.startsWith('value')) ?? 'value';
}
