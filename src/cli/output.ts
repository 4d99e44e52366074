import type { Io } from './args.js';
import { escapeJsonControl, escapeLine } from './escape.js';

/** Tells whether to colour a stream: only a TTY, never with NO_COLOR set (https://no-color.org); FORCE_COLOR forces it. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const codes = { green: 32, red: 31, yellow: 33, dim: 2, bold: 1 } as const;
export type Style = keyof typeof codes;

/** Where a subcommand writes: plain lines for people, one JSON document per line for scripts. */
export interface Output {
  readonly json: boolean;
  /** Colours `text` when the stream allows it. */
  paint(style: Style, text: string): string;
  /** Writes a line for people on stdout (nothing in --json mode). */
  line(text?: string): void;
  /** Writes a JSON value on one stdout line (only in --json mode). */
  data(value: unknown): void;
  /** Writes a diagnostic on stderr, in both modes. */
  warn(text: string): void;
}

/**
 * Creates the output of one run. `secrets` are replaced by `[secret]` in everything written, a last line
 * of defence: no code path prints a secret on purpose. Likewise control characters: values from the
 * network are escaped where they are put in a line, and what is written is checked once more (escape.ts).
 */
export function createOutput(io: Io, json: boolean, secrets: readonly string[] = []): Output {
  const colour = useColour(io.stdout as { isTTY?: boolean }, io.env);
  const errColour = useColour(io.stderr as { isTTY?: boolean }, io.env);
  const scrub = (text: string) =>
    secrets.reduce((out, secret) => (secret ? out.replaceAll(secret, '[secret]') : out), text);
  const paint = (on: boolean, style: Style, text: string) => (on ? `\x1b[${codes[style]}m${text}\x1b[0m` : text);
  return {
    json,
    paint: (style, text) => paint(colour, style, text),
    line: (text = '') => {
      if (!json) io.stdout.write(`${scrub(escapeLine(text))}\n`);
    },
    data: (value) => {
      if (json) io.stdout.write(`${scrub(escapeJsonControl(JSON.stringify(value)))}\n`);
    },
    warn: (text) => {
      io.stderr.write(`${scrub(paint(errColour, 'yellow', escapeLine(text)))}\n`);
    },
  };
}
