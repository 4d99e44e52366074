// URL checks shared by parse and the extractors. Internal: never exported from the package.

// FHIR's `uri` and `url` types forbid whitespace (regex `\S*`), while the WHATWG parser quietly trims or
// drops it; refusing it first keeps "what we checked" and "what the caller will fetch" the same string.
const WHITESPACE = /\s/;
const HTTPS_PREFIX = /^https:\/\//i;

// URL.canParse answers without building a URL object (several times faster than `new URL` in V8);
// runtimes from before 2023 lack it, so fall back to constructing one.
const canParse: (text: string) => boolean =
  typeof URL.canParse === 'function'
    ? (text) => URL.canParse(text)
    : (text) => {
        try {
          new URL(text);
          return true;
        } catch {
          return false;
        }
      };

/** True when `text` is an absolute URL of any scheme (`https:`, `urn:`, `llp:`, `mllp:`...) without whitespace. */
export function isAbsoluteUrl(text: string): boolean {
  return !WHITESPACE.test(text) && canParse(text);
}

/**
 * True when `text` is an absolute `https://` URL. The prefix is required as written: the WHATWG parser
 * would also accept `https:host` or `https:\\host`, which no sender means. An https URL always has a
 * host (the parser refuses `https://` alone), so parsing is the last check.
 */
export function isHttpsUrl(text: string): boolean {
  return HTTPS_PREFIX.test(text) && isAbsoluteUrl(text);
}
