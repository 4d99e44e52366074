// Finds where a text stops being JSON, so that `invalid_json` names the same line and column on every
// engine (V8, JavaScriptCore and SpiderMonkey word JSON.parse errors differently, some without a
// position). It runs only after JSON.parse has failed: the happy path never pays for it.

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

/** The first syntax error in `text`, or `undefined` when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const closers: string[] = [];
  let expect: Expect = Expect.Value;
  let at = 0;
  for (;;) {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
    if (at === text.length)
      return expect === Expect.Nothing ? undefined : locate(text, at, expectation(expect, closers));
    const char = text[at] as string;
    if (expect === Expect.Colon) {
      if (char !== ':') return locate(text, at, EXPECTED[expect]);
      at++;
      expect = Expect.Value;
    } else if (expect === Expect.CommaOrEnd || expect === Expect.Nothing) {
      const closer = closers[closers.length - 1];
      if (char === ',' && closer !== undefined) {
        at++;
        expect = closer === '}' ? Expect.Key : Expect.Value;
      } else if (char === closer) {
        at++;
        closers.pop();
        expect = closers.length === 0 ? Expect.Nothing : Expect.CommaOrEnd;
      } else {
        return locate(text, at, expectation(expect, closers));
      }
    } else if ((expect === Expect.KeyOrEnd && char === '}') || (expect === Expect.ValueOrEnd && char === ']')) {
      at++;
      closers.pop();
      expect = closers.length === 0 ? Expect.Nothing : Expect.CommaOrEnd;
    } else if (char === '"' || expect === Expect.Key || expect === Expect.KeyOrEnd) {
      if (char !== '"') return locate(text, at, EXPECTED[expect]);
      const end = scanString(text, at);
      if (end < 0) return locate(text, -end, 'a string character or an escape');
      at = end;
      if (expect === Expect.Key || expect === Expect.KeyOrEnd) expect = Expect.Colon;
      else expect = closers.length === 0 ? Expect.Nothing : Expect.CommaOrEnd;
    } else {
      const end = scanValue(text, at, closers);
      if (end < 0) return locate(text, -end - 1, EXPECTED[expect]);
      at = end;
      if (char === '{') expect = Expect.KeyOrEnd;
      else if (char === '[') expect = Expect.ValueOrEnd;
      else expect = closers.length === 0 ? Expect.Nothing : Expect.CommaOrEnd;
    }
  }
}

function expectation(expect: Expect, closers: readonly string[]): string {
  const closer = closers[closers.length - 1];
  return expect === Expect.CommaOrEnd && closer !== undefined ? `"," or "${closer}"` : EXPECTED[expect];
}

// Returns the offset after a literal or number, or after the opening bracket of a container (pushing its closer);
// on failure, -(offset + 1) of the offending character.
function scanValue(text: string, at: number, closers: string[]): number {
  const char = text[at];
  if (char === '{' || char === '[') {
    closers.push(char === '{' ? '}' : ']');
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
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const char = text[offset];
  const found = char === undefined ? 'the end of the input' : `the character ${JSON.stringify(char)}`;
  return { offset, line, column: offset - lineStart + 1, expected, found };
}
