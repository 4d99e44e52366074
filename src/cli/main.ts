#!/usr/bin/env node
/**
 * The `bwell-webhooks` command: `demo`, `listen`, `send`, `verify` and `sign`. Exit codes: 0 ok, 1 a
 * verification or delivery failed, 2 a usage mistake.
 *
 * @module
 */
// Bundled at build time (esbuild allows only the default import of JSON), so the binary needs no file lookup.
import pkg from '../../package.json' with { type: 'json' };
import { type Command, type Io, UsageError, unknownOption } from './args.js';
import { demo } from './demo.js';
import { escapeControl } from './escape.js';
import { events } from './events.js';
import { listen } from './listen.js';
import { send } from './send.js';
import { sign } from './sign.js';
import { closest } from './suggest.js';
import { verify } from './verify.js';

const { version } = pkg;
const commands: readonly Command[] = [demo, listen, send, verify, sign, events];

const help = `bwell-webhooks ${version}: receive, send and debug b.well's FHIR webhooks from a terminal

Usage: bwell-webhooks <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(8)} ${command.summary}`).join('\n')}

Options:
  -h, --help     show help (also after a command: bwell-webhooks verify --help)
  -v, --version  print the version
  --json         machine-readable output (every command)

Exit codes: 0 ok, 1 verification or delivery failed, 2 usage error.
Secrets come from --secret-file FILE, the BWELL_WEBHOOK_SECRET variable or --secret, and are never printed.`;

/** Runs the command line `argv` (without `node` and the script) and resolves with the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(`${help}\n`);
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(`${help}\n`);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  try {
    if (!command) throw new UsageError(unknownCommand(name));
    if (rest.includes('-h') || rest.includes('--help')) {
      io.stdout.write(`${command.help}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const hint = command ? `bwell-webhooks ${command.name} --help` : 'bwell-webhooks --help';
    io.stderr.write(`${report(error.message)}\nRun '${hint}' for usage.\n`);
    return 2;
  }
}

/** `unknown command 'sgin' (did you mean 'sign'?)`, the candidates taken from the command table. */
function unknownCommand(name: string): string {
  if (name.startsWith('-')) {
    return `${unknownOption(name.split('=')[0] as string, ['help', 'version'])} (options go after the command: bwell-webhooks <command> [options])`;
  }
  // Only a word is echoed: anything else may be a secret typed in the wrong place.
  if (!/^[a-z-]{1,20}$/.test(name)) return 'unknown command';
  const meant = closest(
    name,
    commands.map((candidate) => candidate.name),
  );
  return `unknown command '${name}'${meant === undefined ? '' : ` (did you mean '${meant}'?)`}`;
}

/** One line for stderr: the library's own messages already start with the command's name, which is not repeated. */
function report(message: string): string {
  return `bwell-webhooks: ${escapeControl(message.replace(/^bwell-webhooks: /, ''))}`;
}

// `bwell-webhooks demo | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
const io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An unexpected failure: say what it was without a stack full of bundle paths; never the secret (see output.ts).
    process.stderr.write(`${report(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  },
);
