import { readFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A mistake on the command line: main prints it with a pointer to `--help` and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What a subcommand gets: its arguments (after the subcommand name) and the process's streams. */
export interface Io {
  readonly stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** One subcommand: `run` resolves with the exit code (0 ok, 1 verification or delivery failed). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(argv: string[], io: Io): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

// Every subcommand takes these two; main answers --help before `run` parses anything else.
const common = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } } as const;

/** Parses a subcommand's flags strictly; every parseArgs complaint becomes a UsageError. */
export function parseCommand<const T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Refuses positionals beyond `max`, without echoing them: a stray argument may be a mistyped secret. */
export function expectPositionals(positionals: string[], max: number, command: string): void {
  if (positionals.length > max) {
    const allowed = max === 0 ? 'no arguments' : `at most ${max} argument${max === 1 ? '' : 's'}`;
    throw new UsageError(`${command} takes ${allowed}, got ${positionals.length}`);
  }
}

/** Quotes a value for a message when it looks like a name, and only describes it otherwise (it may be a secret). */
export function quoteName(value: string): string {
  return /^[a-z0-9][a-z0-9.-]{0,63}$/.test(value) ? `'${value}'` : `an argument of ${value.length} characters`;
}

/** Reads an integer flag such as `--port` or `--tolerance`, within bounds. */
export function integerFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`--${flag} expects an integer from ${min} to ${max}, got ${quoteName(value)}`);
  }
  return number;
}

/** Reads a file named by a flag (`-` is stdin) as raw bytes, exactly as stored: nothing is decoded or trimmed. */
export async function readInput(path: string, flag: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return path === '-' ? await readStdin() : new Uint8Array(await readFile(path));
  } catch (error) {
    throw new UsageError(`cannot read --${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

async function readStdin(): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
