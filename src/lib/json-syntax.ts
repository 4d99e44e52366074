// The JSON scanner: finds where a text stops being JSON, so that `invalid_json` names the same line and
// column on every engine (V8, JavaScriptCore and SpiderMonkey word JSON.parse errors differently, some
// without a position), and finds a property name given twice in one object, which JSON.parse accepts
// silently (the last one wins). Both scans run only when they are needed: after JSON.parse has failed, or
// when the parsed value holds fewer members than its text names (`textMembers`, against the count the
// document walk keeps). The happy path pays for the counts alone.

import { toPointer } from './pointer.js';

/** Where and why a text is not JSON. Lines and columns count from 1, in UTF-16 code units. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly expected: string;
  readonly found: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})/y;

// What the scanner expects next. Containers are an explicit stack, so deep nesting cannot overflow.
enum Expect {
  Value,
  ValueOrEnd,
  Key,
  KeyOrEnd,
  Colon,
  CommaOrEnd,
  Nothing,
}

const EXPECTED: Record<Expect, string> = {
  [Expect.Value]: 'a JSON value',
  [Expect.ValueOrEnd]: 'a JSON value or "]"',
  [Expect.Key]: 'a string key',
  [Expect.KeyOrEnd]: 'a string key or "}"',
  [Expect.Colon]: '":"',
  [Expect.CommaOrEnd]: '"," or a closing bracket', // named precisely by expectation()
  [Expect.Nothing]: 'the end of the input',
};

/**
 * A property name given twice in one object. `pointer` names the member (RFC 6901); `offset`, `line` and
 * `column` locate the second occurrence of its name, in UTF-16 code units from 1.
 */
export interface JsonDuplicateKey {
  readonly name: string;
  readonly pointer: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** The first syntax error in `text`, or `undefined` when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  return scan(text, false);
}

/**
 * The first property name that `text` gives twice in one object, at any depth, in the order of the text;
 * `undefined` when there is none before the end or the first syntax error (which {@link findJsonSyntaxError}
 * reports).
 */
export function findDuplicateKey(text: string): JsonDuplicateKey | undefined {
  const found = scan(text, true);
  return found !== undefined && 'name' in found ? found : undefined;
}

// One open container: its closer, and where the scan is inside it (the current key or index, for pointers).
interface Frame {
  readonly closer: '}' | ']';
  readonly keys: Set<string> | undefined;
  index: number;
  key: string;
}

function scan(text: string, keys: false): JsonSyntaxError | undefined;
function scan(text: string, keys: true): JsonSyntaxError | JsonDuplicateKey | undefined;
function scan(text: string, keys: boolean): JsonSyntaxError | JsonDuplicateKey | undefined {
  const frames: Frame[] = [];
  let expect: Expect = Expect.Value;
  let at = 0;
  for (;;) {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
    if (at === text.length)
      return expect === Expect.Nothing ? undefined : locate(text, at, expectation(expect, frames));
    const char = text[at] as string;
    const frame = frames[frames.length - 1];
    if (expect === Expect.Colon) {
      if (char !== ':') return locate(text, at, EXPECTED[expect]);
      at++;
      expect = Expect.Value;
    } else if (expect === Expect.CommaOrEnd || expect === Expect.Nothing) {
      if (char === ',' && frame !== undefined) {
        at++;
        frame.index++;
        expect = frame.closer === '}' ? Expect.Key : Expect.Value;
      } else if (char === frame?.closer) {
        at++;
        frames.pop();
        expect = frames.length === 0 ? Expect.Nothing : Expect.CommaOrEnd;
      } else {
        return locate(text, at, expectation(expect, frames));
      }
    } else if ((expect === Expect.KeyOrEnd && char === '}') || (expect === Expect.ValueOrEnd && char === ']')) {
      at++;
      frames.pop();
      expect = frames.length === 0 ? Expect.Nothing : Expect.CommaOrEnd;
    } else if (char === '"' || expect === Expect.Key || expect === Expect.KeyOrEnd) {
      if (char !== '"') return locate(text, at, EXPECTED[expect]);
      const end = scanString(text, at);
      if (end < 0) return locate(text, -end, 'a string character or an escape');
      if (expect === Expect.Key || expect === Expect.KeyOrEnd) {
        // Objects have a set of keys only when they are tracked (scanValue).
        const seen = frame?.keys;
        if (seen !== undefined) {
          const duplicate = claimKey(text, at, end, frames, seen);
          if (duplicate !== undefined) return duplicate;
        }
        expect = Expect.Colon;
      } else {
        expect = frames.length === 0 ? Expect.Nothing : Expect.CommaOrEnd;
      }
      at = end;
    } else {
      const end = scanValue(text, at, frames, keys);
      if (end < 0) return locate(text, -end - 1, EXPECTED[expect]);
      at = end;
      if (char === '{') expect = Expect.KeyOrEnd;
      else if (char === '[') expect = Expect.ValueOrEnd;
      else expect = frames.length === 0 ? Expect.Nothing : Expect.CommaOrEnd;
    }
  }
}

// Records the key that spans text[start, end) in its object; a key seen before there is the duplicate.
// Names compare by value, as JSON.parse sees them: "a" and "\u0061" are one name.
function claimKey(
  text: string,
  start: number,
  end: number,
  frames: readonly Frame[],
  seen: Set<string>,
): JsonDuplicateKey | undefined {
  const name = JSON.parse(text.slice(start, end)) as string;
  const frame = frames[frames.length - 1] as Frame;
  frame.key = name;
  if (!seen.has(name)) {
    seen.add(name);
    return undefined;
  }
  const pointer = toPointer(frames.map((f) => (f.closer === '}' ? f.key : f.index)));
  const { line, column } = position(text, start);
  return { name, pointer, offset: start, line, column };
}

// A comma is expected only inside a container, whose closer completes the expectation.
function expectation(expect: Expect, frames: readonly Frame[]): string {
  return expect === Expect.CommaOrEnd ? `"," or "${frames[frames.length - 1]?.closer}"` : EXPECTED[expect];
}

// Returns the offset after a literal or number, or after the opening bracket of a container (pushing its
// frame, with a set for its keys when they are tracked); on failure, -(offset + 1) of the offending character.
function scanValue(text: string, at: number, frames: Frame[], keys: boolean): number {
  const char = text[at];
  if (char === '{' || char === '[') {
    const object = char === '{';
    frames.push({ closer: object ? '}' : ']', keys: object && keys ? new Set() : undefined, index: 0, key: '' });
    return at + 1;
  }
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, at)) return at + literal.length;
  NUMBER.lastIndex = at;
  return NUMBER.test(text) ? NUMBER.lastIndex : -(at + 1);
}

// Returns the offset after the closing quote, or -offset of the offending character (never 0: the
// opening quote is at `at`).
function scanString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -i;
    if (code === 0x5c) {
      ESCAPE.lastIndex = i;
      if (!ESCAPE.test(text)) return -i;
      i = ESCAPE.lastIndex - 1;
    }
  }
  return -text.length;
}

function locate(text: string, offset: number, expected: string): JsonSyntaxError {
  const char = text[offset];
  const found = char === undefined ? 'the end of the input' : `the character ${JSON.stringify(char)}`;
  return { offset, ...position(text, offset), expected, found };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The text's side of the proof that JSON.parse dropped no member to a repeated name. The other side, `members`,
 * is what the parsed value holds: one per member, plus what {@link stringCount} gives for every key and string;
 * the document walk counts it while it visits each value once (src/parse/check-document.ts), so the happy path
 * pays for no second walk. `compact` is {@link isCompactText} of the text, and the two sides must agree on it.
 *
 * JSON.parse drops a member only for a later one of the same name. In any text, every member has exactly one
 * colon outside strings; inside strings, each colon is kept by parsing, and so is each `\u003a` escape, which
 * is a colon in the value but none in the text (`\\u003a`, an escaped backslash, is counted too, and is
 * none: a false alarm). So the text's colons and escapes are its members plus the colons of its strings.
 *
 * A compact text (no whitespace, no escapes) is counted with less work: with no backslash, every `"` delimits
 * a string, so a colon right after a `"` either follows a closing quote, which only a key's does (and, with no
 * whitespace, every key's does), or opens a string that starts with a colon. The text's colons after a quote
 * are its members plus its keys and strings that start with a colon, and no other colon needs counting.
 *
 * Either way, textMembers(text) - members >= members dropped >= 0, and when the two are equal nothing was
 * dropped. Any other count sends the text to {@link findDuplicateKey}, which decides. A count that misses a
 * value can only raise a false alarm; one that counted a value twice could hide a repeat, which is why each
 * value must be counted exactly once.
 */
export function textMembers(text: string, compact: boolean): number {
  if (compact) {
    let count = 0;
    for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
      if (text.charCodeAt(at - 1) === 0x22) count++;
    }
    return count;
  }
  const escaped = text.includes('\\u') ? (text.match(ESCAPED_COLON)?.length ?? 0) : 0;
  return colonsIn(text) + escaped;
}

/** What one key or string adds to the parsed side of the count beside its member (see {@link textMembers}). */
export function stringCount(text: string, compact: boolean): number {
  return compact ? (text.charCodeAt(0) === 0x3a ? 1 : 0) : colonsIn(text);
}

// The characters of JavaScript's \s above U+00FF, which a JSON string may hold as they are (JSON escapes all
// below U+0020: U+0009 to U+000D appear only as whitespace between tokens, or escaped). U+00A0 is searched for
// on its own: a class that held it would scan every one-byte text, where this one fails at once.
const LITERAL_WHITESPACE = /[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Whether a JSON text has no whitespace and no escape anywhere, inside strings or between them: what
 * JSON.stringify writes for values whose strings hold neither. No string of such a text holds a character of
 * JavaScript's `\s`, so the walk tests none of them for one, and its names are counted by
 * {@link textMembers}'s compact rule. Six searches for one character and one class that fails at once on
 * one-byte text cost far less than a test of each string.
 */
export function isCompactText(text: string): boolean {
  return (
    text.indexOf(' ') === -1 &&
    text.indexOf('\\') === -1 &&
    text.indexOf('\n') === -1 &&
    text.indexOf('\r') === -1 &&
    text.indexOf('\t') === -1 &&
    text.indexOf('\u00a0') === -1 &&
    !LITERAL_WHITESPACE.test(text)
  );
}

const ESCAPED_COLON = /\\u003a/gi;

/** How many colons `text` holds. */
export function colonsIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) count++;
  return count;
}
