// Quoting unverified text (a header, an id) for an error message: a message ends up in logs and terminals,
// where a raw control character can forge a line, move the cursor or hide text.

// DEL and the C1 controls (a Node header decoded as latin1 holds them as is), and the Unicode line separators and
// bidirectional overrides that reorder what a reader sees. JSON.stringify already escapes the C0 controls.
const UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` in double quotes, every control character (C0, DEL, C1) and bidi override written as `\uXXXX`. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(UNSAFE, escaped);
}
