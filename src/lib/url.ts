// URL checks shared by parse and the extractors. Internal: never exported from the package.

// FHIR's `uri` and `url` types forbid whitespace (regex `\S*`), while the WHATWG parser quietly trims or
// drops it; refusing it first keeps "what we checked" and "what the caller will fetch" the same string.
const WHITESPACE = /\s/;
const HTTPS_PREFIX = /^https:\/\//i;

/** The parsed URL when `text` is an absolute URL of any scheme (`https:`, `urn:`, `llp:`, `mllp:`...), else `undefined`. */
export function parseAbsoluteUrl(text: string): URL | undefined {
  if (WHITESPACE.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * True when `text` is an absolute `https://` URL with a host. The `https://` prefix is required as written:
 * the WHATWG parser would also accept `https:host` or `https:\\host`, which no sender means.
 */
export function isHttpsUrl(text: string): boolean {
  if (!HTTPS_PREFIX.test(text)) return false;
  const url = parseAbsoluteUrl(text);
  return url !== undefined && url.host !== '';
}
