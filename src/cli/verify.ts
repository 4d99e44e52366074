import { DEFAULT_MAX_BYTES } from '../index.js';
import { type Command, expectPositionals, integerFlag, parseCommand, UsageError } from './args.js';
import { formatSummary } from './describe.js';
import { type Diagnosis, diagnoseDelivery, tooLarge } from './diagnose.js';
import { escapeControl } from './escape.js';
import { type HeaderRecord, parseHeaderLine, parseHeaderText } from './headers.js';
import { describePath, InputTooLarge, readInput } from './input.js';
import { createOutput, type Output } from './output.js';
import { requireSecret, secretForms, secretHelp, secretMistake, secretOptions } from './secret.js';

const help = `bwell-webhooks verify: check a captured delivery offline and say exactly which check failed

Usage: bwell-webhooks verify --body FILE (--headers FILE | -H 'name: value' ...) [options]

Options:
  --body FILE            the body exactly as received (- for stdin)
  --headers FILE         the headers: 'name: value' lines (a raw HTTP request head is fine) or a JSON object
  -H, --header 'N: V'    one header; repeat for each
${secretHelp}
  --now TIME             check as of TIME (epoch seconds or an ISO date) instead of the clock
  --tolerance SECONDS    allowed clock skew either way (default 300)
  --max-bytes N          body size cap (default 1048576); reading stops there
  --json                 print the diagnosis as JSON

Exit codes: 0 the delivery verifies and parses, 1 it does not (the reason is printed), 2 usage error.

Example:
  bwell-webhooks verify --secret-file secret.txt --body body.json --headers headers.txt`;

/** Reads `--now`: epoch seconds or an ISO 8601 date, to epoch milliseconds. */
export function parseNow(value: string | undefined, clock: number): number {
  if (value === undefined) return clock;
  const ms = /^\d{1,12}$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError('--now expects epoch seconds or an ISO date such as 2026-01-31T12:00:00Z');
  return ms;
}

/** Prints a diagnosis for people; the id and the library's reasons may carry a capture's bytes, so are escaped. */
export function printDiagnosis(out: Output, diagnosis: Diagnosis): void {
  const id = diagnosis.id === undefined ? '' : ` webhook-id ${escapeControl(diagnosis.id)}`;
  const when = diagnosis.skewSeconds === undefined ? '' : `, sent ${diagnosis.skewSeconds} s before now`;
  if (diagnosis.ok) {
    out.line(`${out.paint('green', '✓ verified')}${id}${when}`);
  } else {
    out.line(`${out.paint('red', `✗ ${diagnosis.code}`)}: ${escapeControl(diagnosis.reason)}`);
    if (diagnosis.hint) out.line(`  ${out.paint('dim', `hint: ${diagnosis.hint}`)}`);
  }
  if (diagnosis.event) out.line(`  ${formatSummary(diagnosis.event)}`);
}

export const verify: Command = {
  name: 'verify',
  summary: 'diagnose a captured delivery: which check failed and why',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommand(argv, {
      ...secretOptions,
      body: { type: 'string' },
      headers: { type: 'string' },
      header: { type: 'string', short: 'H', multiple: true },
      now: { type: 'string' },
      tolerance: { type: 'string' },
      'max-bytes': { type: 'string' },
    });
    expectPositionals(positionals, 0, 'verify');
    if (values.body === undefined) throw new UsageError('--body FILE is required');
    if ((values.headers === undefined) === (values.header === undefined)) {
      throw new UsageError("give the headers with --headers FILE or with -H 'name: value', one of the two");
    }
    if (values.body === '-' && values.headers === '-')
      throw new UsageError('stdin can be --body or --headers, not both');
    const secret = await requireSecret(values, io.env);
    const out = createOutput(io, values.json === true, secretForms(secret));
    const maxBytes = integerFlag(values['max-bytes'], 'max-bytes', 1, 2 ** 31) ?? DEFAULT_MAX_BYTES;
    const now = parseNow(values.now, Date.now());
    const toleranceSeconds = integerFlag(values.tolerance, 'tolerance', 0, 10 ** 9) ?? 300;
    const headers = await readHeaders(values.headers, values.header, maxBytes);
    const body = await readInput(values.body, 'body', maxBytes).catch((error: unknown) => {
      // A receiver with this cap refuses the body unread, so that is the diagnosis, not a usage error.
      if (error instanceof InputTooLarge) return undefined;
      throw error;
    });
    const diagnosis =
      body === undefined
        ? tooLarge(headers, maxBytes)
        : await diagnoseDelivery({ body, headers, secret, now, toleranceSeconds, maxBytes }).catch((error: unknown) => {
            throw secretMistake(secret, error);
          });
    out.data(diagnosis);
    printDiagnosis(out, diagnosis);
    return diagnosis.ok ? 0 : 1;
  },
};

// A --headers file may be a whole raw capture, its body after the header block: room for both.
const HEADER_ROOM = 64 * 1024;

async function readHeaders(file: string | undefined, lines: string[] | undefined, maxBytes: number) {
  if (file !== undefined) {
    const text = new TextDecoder().decode(await readInput(file, 'headers', maxBytes + HEADER_ROOM));
    return parseHeaderText(text, describePath(file));
  }
  const headers: HeaderRecord = Object.create(null);
  for (const line of lines ?? []) parseHeaderLine(line, '-H', headers);
  return headers;
}
