import { type ParseArgsConfig, parseArgs } from 'node:util';
import { closest } from './suggest.js';

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

/**
 * Parses a subcommand's flags strictly. Mistakes are found on parseArgs' tokens first, so that each gets a
 * message of ours (Node's own texts are long, and one leaves a quote open) that never shows a value.
 */
export function parseCommand<const T extends Options>(argv: string[], options: T) {
  const config: Options = { ...common, ...options };
  const { tokens } = parseArgs({ args: argv, options: config, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option') checkOption(token, config);
  }
  try {
    return parseArgs({ args: argv, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    // Not reached for the mistakes above; kept so that a parseArgs change still ends as a usage error.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

interface OptionToken {
  readonly name: string;
  readonly rawName: string;
  readonly value?: string | undefined;
  readonly inlineValue?: boolean | undefined;
}

function checkOption(token: OptionToken, config: Options): void {
  const option = config[token.name];
  if (option === undefined) throw new UsageError(unknownOption(token.rawName, Object.keys(config)));
  if (option.type === 'boolean') {
    if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    return;
  }
  if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
  // `--body --json`: parseArgs would take the next flag as the value; strict mode refuses it, and so do we.
  if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
    throw new UsageError(
      `${token.rawName} needs a value (to give one that starts with '-', write --${token.name}=VALUE)`,
    );
  }
}

/** `unknown option --secrt (did you mean --secret?)`; a flag that does not look like one is only described. */
export function unknownOption(rawName: string, names: readonly string[]): string {
  if (!/^--?[A-Za-z0-9][A-Za-z0-9-]{0,40}$/.test(rawName)) return `unknown option of ${rawName.length} characters`;
  const meant = rawName.startsWith('--') ? closest(rawName.slice(2), names) : undefined;
  return `unknown option ${rawName}${meant === undefined ? '' : ` (did you mean --${meant}?)`}`;
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
