// JSON texts the scanner's and the member count's property tests share.
import { fc } from '@fast-check/vitest';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Every character of JavaScript's \s that a JSON string may hold unescaped (JSON escapes all below U+0020): the
 * space, U+00A0, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.
 */
export const UNESCAPED_WHITESPACE: readonly string[] = Array.from({ length: 0x10000 - 0x20 }, (_, i) =>
  String.fromCharCode(0x20 + i),
).filter((char) => /\s/.test(char));

// Strings of colons and a letter, as keys and values: JSON.stringify writes them with no whitespace and no
// escape, so every text made of them is compact (isCompactText), and colons start, end and fill its strings.
const colonString = fc.stringMatching(/^[:a]{0,3}$/);
/** JSON values (no null: FHIR JSON has none) whose JSON.stringify output is a compact text. */
export const compactJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    colonString,
    fc.integer(),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(colonString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

// A JSON text with exactly one repeated name: the `at`-th object that has a key gets its first member written
// twice, the first time with another value (JSON.parse keeps the second). Its pointer is that member's.
const repeatIn = (values: fc.Arbitrary<unknown>, lostValues: fc.Arbitrary<unknown>) =>
  fc.record({ value: values, at: fc.nat(), lost: lostValues }).map(({ value, at, lost }) => {
    const targets: string[] = [];
    const collect = (node: Json, pointer: string) => {
      if (typeof node !== 'object' || node === null) return;
      const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
      if (!Array.isArray(node) && entries.length > 0) targets.push(pointer);
      for (const [key, child] of entries)
        collect(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    };
    collect(value as Json, '');
    const target = targets.length === 0 ? undefined : targets[at % targets.length];
    let pointer = '';
    const write = (node: Json, at: string): string => {
      if (typeof node !== 'object' || node === null) return JSON.stringify(node);
      if (Array.isArray(node)) return `[${node.map((v, i) => write(v, `${at}/${i}`)).join(',')}]`;
      const members = Object.entries(node).map(
        ([k, v]) => `${JSON.stringify(k)}:${write(v, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`)}`,
      );
      const [first] = Object.keys(node);
      if (at === target && first !== undefined) {
        pointer = `${at}/${first.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        members.unshift(`${JSON.stringify(first)}:${JSON.stringify(lost)}`);
      }
      return `{${members.join(',')}}`;
    };
    const text = write(target === undefined ? { only: value as Json } : (value as Json), '');
    if (target === undefined) pointer = '/only';
    return { text: target === undefined ? `{"only":null,${text.slice(1)}` : text, pointer };
  });

export const objectWithRepeat = repeatIn(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 2 }));

/** The same, written compact: no whitespace, no escapes (the repeat adds none, nor does `{"only":0,...}`). */
export const compactObjectWithRepeat = repeatIn(compactJson, compactJson).map(({ text, pointer }) => ({
  text: text.replace('{"only":null,', '{"only":0,'),
  pointer,
}));
