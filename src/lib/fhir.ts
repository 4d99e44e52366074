// Where b.well puts the values an event carries, shared by the strict readers of the event catalogue and
// the lenient extractors, so that both look in exactly the same places. Internal: never exported.

import type { Identifier, Person } from 'fhir/r4.js';

/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * b.well's extension namespaces: its Webhooks page uses the first, its OpenAPI reference the second.
 * An extension named `download-url` under either means the same thing.
 */
export const EXTENSION_BASES = [
  'http://example.com/fhir/StructureDefinition/',
  'http://icanbwell.com/fhir/StructureDefinition/',
] as const;

/** The system of the client's own identifier on the Bundle's `Person`. */
export const CLIENT_IDENTIFIER_SYSTEM = 'urn:client:identifier';

/**
 * FHIR's id rule, `[A-Za-z0-9\-.]{1,64}`, as a loop: it runs on every resource of every delivery, and a
 * loop over a short id costs a fraction of a regular expression's call.
 */
export function isFhirId(text: string): boolean {
  if (text.length === 0 || text.length > 64) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (!(letter || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e)) return false;
  }
  return true;
}

/** The index of the first extension named `name` (under either namespace), or -1. */
export function findExtension(extensions: unknown, name: string): number {
  if (!Array.isArray(extensions)) return -1;
  for (let i = 0; i < extensions.length; i++) {
    const url: unknown = isJsonObject(extensions[i]) ? (extensions[i] as JsonObject).url : undefined;
    if (typeof url !== 'string' || !url.endsWith(name)) continue;
    const base = url.slice(0, url.length - name.length);
    if (base === EXTENSION_BASES[0] || base === EXTENSION_BASES[1]) return i;
  }
  return -1;
}

/** The id in a literal reference of the form `Person/<id>`, else `undefined`. */
export function personIdOf(reference: unknown): string | undefined {
  if (typeof reference !== 'string') return undefined;
  if (!reference.startsWith('Person/')) return undefined;
  const id = reference.slice(7);
  return isFhirId(id) ? id : undefined;
}

/** The id of the first `Person/<id>` reference among a MessageHeader's `focus`, else `undefined`. */
export function firstFocusedPersonId(focus: unknown): string | undefined {
  if (!Array.isArray(focus)) return undefined;
  for (const item of focus) {
    const id = isJsonObject(item) ? personIdOf(item.reference) : undefined;
    if (id !== undefined) return id;
  }
  return undefined;
}

/**
 * The `Person` entry of a message Bundle that a `Person/<id>` focus points at: the resource's own `id`
 * matches, or (for entries without one) its `fullUrl` ends in `/Person/<id>`, as FHIR resolves relative
 * references inside a Bundle.
 */
export function findPersonEntry(bundle: unknown, id: string): Person | undefined {
  const entries = isJsonObject(bundle) ? bundle.entry : undefined;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries) {
    if (!isJsonObject(entry) || !isJsonObject(entry.resource)) continue;
    const resource = entry.resource;
    if (resource.resourceType !== 'Person') continue;
    const matches =
      resource.id === undefined
        ? typeof entry.fullUrl === 'string' && entry.fullUrl.endsWith(`/Person/${id}`)
        : resource.id === id;
    if (matches) return resource as unknown as Person;
  }
  return undefined;
}

/** The first `Person.identifier` with the client's system, else `undefined`. */
export function findClientIdentifier(person: Person | undefined): Identifier | undefined {
  const identifiers: unknown = person?.identifier;
  if (!Array.isArray(identifiers)) return undefined;
  for (const identifier of identifiers) {
    if (isJsonObject(identifier) && identifier.system === CLIENT_IDENTIFIER_SYSTEM) return identifier as Identifier;
  }
  return undefined;
}
