// MessageHeader.focus -> the resources it names, resolved as FHIR R4 resolves references in a Bundle
// (bundle.html 2.36.4.1, references.html): `#id` against the header's `contained`; an absolute URL or a
// `urn:uuid:` by an entry's `fullUrl`; a relative `Type/id` against the base of the referencing entry's
// RESTful `fullUrl`. The referencing entry is the MessageHeader's own (entry 0). b.well's Bundles give that
// entry no `fullUrl`, and R4 then leaves a relative reference without defined meaning; we fall back to the
// bare type and id, but only when exactly one entry can match. A message that names a focus in two ways
// that disagree is refused with `conflicting_person`: acting on either reading could act on the wrong
// person. Internal: parse runs it for every event with a definition.

import type { Resource } from 'fhir/r4.js';
import type { WebhookError } from '../errors.js';
import { excerpt } from '../lib/excerpt.js';
import { fieldError, invalidField, missingField } from '../lib/fail.js';
import { isJsonObject, type JsonObject, parseRestUrl } from '../lib/fhir.js';
import type { Path } from '../lib/pointer.js';
import type { ReceivedMessage } from './read-fields.js';
import type { FocusReference, FocusResolution } from './types.js';

const LITERAL = 'a literal reference (Type/id, an absolute URL, urn:uuid:... or #id)';
// A URI scheme (RFC 3986): what tells an absolute reference from a relative one.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Every `MessageHeader.focus`, resolved, in order; throws a WebhookError with a pointer otherwise. */
export function resolveFocus(message: ReceivedMessage): FocusReference[] {
  const { path } = message;
  const focus: unknown = message.messageHeader.focus;
  if (focus === undefined) return [];
  if (!Array.isArray(focus)) throw invalidField([...path, 'focus'], 'an array of references', focus);
  const entries = entriesOf(message.bundle);
  const resolved: FocusReference[] = [];
  for (let i = 0; i < focus.length; i++) {
    const at = [...path, 'focus', i];
    const item: unknown = focus[i];
    if (!isJsonObject(item)) throw invalidField(at, 'a Reference object', item);
    const { reference, type } = item;
    if (reference === undefined) throw missingField([...at, 'reference'], LITERAL);
    if (typeof reference !== 'string') throw invalidField([...at, 'reference'], LITERAL, reference);
    if (type !== undefined && typeof type !== 'string') throw invalidField([...at, 'type'], 'a resource type', type);
    const target = resolveReference(reference, message, entries, [...at, 'reference']);
    // Reference.type: "the expected type of the target"; a target of another type is another resource.
    if (type !== undefined && target.resourceType !== undefined && type !== target.resourceType) {
      throw conflicting([...at, 'type'], `the type ${target.resourceType} of the resource referenced`, quote(type));
    }
    const resourceType = target.resourceType ?? type;
    if (resourceType === undefined) {
      throw invalidField([...at, 'reference'], 'a reference whose resource type is known (or a focus.type)', reference);
    }
    const resource = target.resource as Resource | undefined;
    resolved.push({ reference, resourceType, id: target.id, resource, resolvedBy: target.resolvedBy });
  }
  return resolved;
}

interface Target {
  readonly resourceType: string | undefined;
  readonly id: string | undefined;
  readonly resource: JsonObject | undefined;
  readonly resolvedBy: FocusResolution;
}

interface Entry {
  readonly index: number;
  readonly fullUrl: unknown;
  readonly resource: JsonObject;
}

function resolveReference(reference: string, message: ReceivedMessage, entries: Entry[], at: Path): Target {
  if (reference.startsWith('#')) return resolveContained(reference, message, at);
  if (SCHEME.test(reference)) {
    const rest = parseRestUrl(reference);
    const url = rest?.version === undefined ? reference : `${rest.base}${rest.type}/${rest.id}`;
    return byFullUrl(url, rest?.version, entries, 'fullUrl', rest?.type, rest?.id);
  }
  const relative = parseRestUrl(reference);
  if (relative === undefined || relative.base !== '') throw invalidField(at, LITERAL, reference);
  const { type, id, version } = relative;
  const base = parseRestUrl(entries[0]?.fullUrl)?.base;
  if (base !== undefined && base !== '') {
    return byFullUrl(`${base}${type}/${id}`, version, entries, 'relative', type, id);
  }
  return byTypeAndId(type, id, entries, at);
}

// `#id`: a resource contained in the MessageHeader itself.
function resolveContained(reference: string, message: ReceivedMessage, at: Path): Target {
  const id = reference.slice(1);
  const contained: unknown = (message.messageHeader as unknown as JsonObject).contained;
  let found: JsonObject | undefined;
  if (Array.isArray(contained)) {
    for (let i = 0; i < contained.length; i++) {
      const resource: unknown = contained[i];
      if (!isJsonObject(resource) || resource.id !== id) continue;
      if (found !== undefined) {
        throw conflicting(
          [...message.path, 'contained', i, 'id'],
          `one contained resource with id ${quote(id)}`,
          'two',
        );
      }
      found = resource;
    }
  }
  if (found === undefined) throw invalidField(at, 'the #id of a resource contained in the MessageHeader', reference);
  return { resourceType: stringOr(found.resourceType), id, resource: found, resolvedBy: 'contained' };
}

// An absolute reference (or a relative one made absolute): the entry whose fullUrl is that URL. Two such
// entries break bdl-7 and name two resources; none leaves the type and id the URL itself gives.
function byFullUrl(
  url: string,
  version: string | undefined,
  entries: Entry[],
  resolvedBy: 'fullUrl' | 'relative',
  type: string | undefined,
  id: string | undefined,
): Target {
  let found: Entry | undefined;
  for (const entry of entries) {
    if (entry.fullUrl !== url) continue;
    if (found !== undefined)
      throw conflicting(pathOf(entry, 'fullUrl'), `one entry with the fullUrl ${quote(url)}`, 'two');
    found = entry;
  }
  // A version-specific reference names that version only (references.html): another one is not in the Bundle.
  const versionId = found === undefined ? undefined : (found.resource.meta as JsonObject | undefined)?.versionId;
  if (found === undefined || (version !== undefined && versionId !== undefined && versionId !== version)) {
    return { resourceType: type, id, resource: undefined, resolvedBy: 'none' };
  }
  checkEntry(found);
  const { resource } = found;
  return { resourceType: stringOr(resource.resourceType), id: stringOr(resource.id) ?? id, resource, resolvedBy };
}

// No base to resolve against: the one entry whose resource, or whose RESTful fullUrl, is `type/id`.
function byTypeAndId(type: string, id: string, entries: Entry[], at: Path): Target {
  let found: Entry | undefined;
  for (const entry of entries) {
    const { resource } = entry;
    const named = parseRestUrl(entry.fullUrl);
    const matches = (resource.resourceType === type && resource.id === id) || (named?.type === type && named.id === id);
    if (!matches) continue;
    if (found !== undefined) {
      throw conflicting(at, `one entry that ${type}/${id} can name`, `entries ${found.index} and ${entry.index}`);
    }
    found = entry;
  }
  if (found === undefined) return { resourceType: type, id, resource: undefined, resolvedBy: 'none' };
  checkEntry(found);
  return { resourceType: type, id, resource: found.resource, resolvedBy: 'id' };
}

// An entry whose RESTful fullUrl names another resource than the one it holds says two things at once.
function checkEntry(entry: Entry): void {
  const named = parseRestUrl(entry.fullUrl);
  if (named === undefined || named.base === '') return;
  const { resourceType, id } = entry.resource;
  if (named.type !== resourceType || (id !== undefined && named.id !== id)) {
    const held = `${String(resourceType)}/${id === undefined ? '(no id)' : String(id)}`;
    throw conflicting(pathOf(entry, 'fullUrl'), `the fullUrl of the resource it holds (${held})`, quote(entry.fullUrl));
  }
}

function entriesOf(bundle: unknown): Entry[] {
  const entry: unknown = isJsonObject(bundle) ? bundle.entry : undefined;
  const entries: Entry[] = [];
  if (!Array.isArray(entry)) return entries;
  for (let index = 0; index < entry.length; index++) {
    const item: unknown = entry[index];
    if (isJsonObject(item) && isJsonObject(item.resource)) {
      entries.push({ index, fullUrl: item.fullUrl, resource: item.resource });
    }
  }
  return entries;
}

const pathOf = (entry: Entry, key: string): Path => ['entry', entry.index, key];

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const quote = (value: unknown): string => JSON.stringify(excerpt(String(value)));

/** The message says two different things about who (or what) an event is about. */
export function conflicting(path: Path, expected: string, found: string): WebhookError {
  return fieldError('conflicting_person', path, expected, `${found}, which names the focus in two ways that disagree`);
}
