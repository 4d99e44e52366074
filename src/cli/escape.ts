// What arrives over the network is printed to a terminal: a control character in it could move the cursor,
// rewrite earlier lines or fake a new one. C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F, where U+009B is a
// one-byte ESC [) are shown as escapes instead. Node's HTTP parser lets C1 through in header values (it reads
// them as latin1), and JSON.stringify escapes C0 only.

/** True for C0, DEL and C1 control characters. */
export function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

const hex = (code: number) => code.toString(16).padStart(2, '0');

function escapeWith(text: string, keep: (text: string, index: number) => number, form: (code: number) => string) {
  let out = '';
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isControl(code)) continue;
    const kept = keep(text, index);
    out += text.slice(start, index) + (kept > 0 ? text.slice(index, index + kept) : form(code));
    index += Math.max(kept, 1) - 1;
    start = index + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

const none = () => 0;

/** Shows every control character of `text` as `\xHH`, so that a value from the network prints as one inert line. */
export function escapeControl(text: string): string {
  return escapeWith(text, none, (code) => `\\x${hex(code)}`);
}

/** Writes DEL and C1 in JSON text as `\u00HH` (the same string to a JSON reader); JSON.stringify already did C0. */
export function escapeJsonControl(json: string): string {
  return escapeWith(json, none, (code) => (code >= 0x7f ? `\\u00${hex(code)}` : String.fromCharCode(code)));
}

// The styles output.ts paints with: the only escape sequences the command writes itself.
const OWN_STYLE = /^\[(?:0|1|2|31|32|33)m/;

/** Keeps a line break, or one of our own colour sequences, where it starts: its length, or 0. */
function ours(text: string, index: number): number {
  if (text[index] === '\n') return 1;
  if (text.charCodeAt(index) !== 0x1b) return 0;
  const style = OWN_STYLE.exec(text.slice(index + 1, index + 5));
  return style ? style[0].length + 1 : 0;
}

/**
 * A last line of defence for a line about to be written: escapes every control character except the line
 * breaks and colours the command itself writes. Values from the network are escaped where they are put in
 * a line (with {@link escapeControl}, line breaks included); this catches one that was missed.
 */
export function escapeLine(text: string): string {
  return escapeWith(text, ours, (code) => `\\x${hex(code)}`);
}
