// Where b.well puts the values an event carries, shared by the strict readers of the event catalogue and
// the lenient extractors, so that both look in exactly the same places. Internal: never exported.

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

/** The URLs of an extension named `name` under each of b.well's namespaces: what findExtension looks for. */
export const extensionUrls = (name: string): readonly string[] => EXTENSION_BASES.map((base) => base + name);

/**
 * The index of the first extension whose url is one of `urls` ({@link extensionUrls}) at or after `from`, or -1.
 * Callers loop with it (`from` = the last index + 1) to see every such extension without building a list.
 */
export function findExtension(extensions: unknown, urls: readonly string[], from = 0): number {
  if (!Array.isArray(extensions)) return -1;
  for (let i = from; i < extensions.length; i++) {
    const extension: unknown = extensions[i];
    const url = isJsonObject(extension) ? extension.url : undefined;
    // Whole URLs, compared by index: a URL of another length differs at once, and nothing is sliced or
    // searched (suffix and prefix comparisons cost more than the rest of reading the event's fields).
    for (let u = 0; u < urls.length; u++) if (url === urls[u]) return i;
  }
  return -1;
}

/** A RESTful FHIR URL taken apart: `[base]<type>/<id>[/_history/<version>]`. */
export interface RestUrl {
  /** `http(s)://.../` with its final slash, or `''` for a relative reference. */
  readonly base: string;
  readonly type: string;
  readonly id: string;
  readonly version: string | undefined;
}

// R4 references.html's RESTful URL regex, anchored, with the resource type as any capitalised name (the
// list of types belongs to the generated R4 tables, and an unknown type still names a type).
const REST_URL =
  /^((?:https?):\/\/(?:[A-Za-z0-9\-\\.:%$]*\/)+)?([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;

/** The parts of a RESTful URL (absolute) or a relative `Type/id` reference, else `undefined`. */
export function parseRestUrl(text: unknown): RestUrl | undefined {
  if (typeof text !== 'string') return undefined;
  const match = REST_URL.exec(text);
  if (match === null) return undefined;
  return { base: match[1] ?? '', type: match[2] as string, id: match[3] as string, version: match[4] };
}
