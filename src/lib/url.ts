// URL checks shared by parse and the extractors. Internal: never exported from the package.

// FHIR's `uri` and `url` types forbid whitespace (regex `\S*`), while the WHATWG parser quietly trims or
// drops it; refusing it first keeps "what we checked" and "what the caller will fetch" the same string.
const WHITESPACE = /\s/;
const HTTPS_PREFIX = /^https:\/\//i;
// A shape every WHATWG parser accepts, tested first since a regex is far cheaper than parsing: http(s), a
// host of dot-separated labels that each start with a letter (never an IPv4 number or a host ending in one,
// never an `xn--` label, the cases where host parsing can fail), no user or port, then visible ASCII (past
// the host the parser never fails). Anything else goes to the parser itself, so the answers are the same.
const PLAIN = /^https?:\/\/(?!xn--)[a-z][a-z\d-]*(?:\.(?!xn--)[a-z][a-z\d-]*)*(?:[/?#][!-~]*)?$/i;

// URL.canParse: in every runtime we support (Node >= 20, Deno, Bun, workerd, browsers since 2023).
/** True when `text` is an absolute URL of any scheme (`https:`, `urn:`, `llp:`, `mllp:`...) without whitespace. */
export function isAbsoluteUrl(text: string): boolean {
  return PLAIN.test(text) || (!WHITESPACE.test(text) && URL.canParse(text));
}

/**
 * True when `text` is an absolute `https://` URL. The prefix is required as written: the WHATWG parser
 * would also accept `https:host` or `https:\\host`, which no sender means. An https URL always has a
 * host (the parser refuses `https://` alone), so parsing is the last check.
 */
export function isHttpsUrl(text: string): boolean {
  // startsWith first: the scheme is almost always written in lower case, and a call to it costs far less.
  return (text.startsWith('https://') || HTTPS_PREFIX.test(text)) && isAbsoluteUrl(text);
}
