import { DEFAULT_MAX_BYTES, signPayload } from '../index.js';
import { buildDataExportCompleted, buildUnknownEvent, buildUserDeleteCompleted } from '../testing/index.js';
import { type Command, expectPositionals, integerFlag, parseCommand, quoteName, UsageError } from './args.js';
import { errorCodeOf } from './describe.js';
import { escapeControl, escapeJsonControl } from './escape.js';
import { readInput } from './input.js';
import { createOutput } from './output.js';
import { requireSecret, secretForms, secretHelp, secretMistake, secretOptions } from './secret.js';

const help = `bwell-webhooks send: sign a realistic b.well event and POST it, like b.well does

Usage: bwell-webhooks send <event-type> --url URL [options]
       bwell-webhooks send --file payload.json --url URL [options]

Event types: user-delete-completed, data-export-completed, unknown (an event b.well does not send today)

Options:
  --url URL              where to POST (required)
${secretHelp}
  --shape bundle|header  a FHIR message Bundle (default, b.well's API reference) or a bare MessageHeader
                         (b.well's Webhooks page)
  --person ID            the b.well Person id (default 789)
  --external-id ID       your identifier of the user (default a5ddab6d-24b0-4e52-a99d-f33263db5997)
  --download-url URL     data-export-completed only: where the export is
  --file FILE            send FILE's bytes instead, unchanged (- for stdin)
  --max-bytes N          the largest --file to read (default 1048576)
  --id ID                the webhook-id (default: a fresh msg_... id; repeat one to test a retry)
  --json                 print {url, id, status, body} as JSON

Prints the response status and body. Exit codes: 0 a 2xx answer, 1 any other answer or no answer, 2 usage error.

Example:
  bwell-webhooks send data-export-completed --url http://127.0.0.1:4280/webhook --secret-file secret.txt`;

const EVENT_TYPES = ['user-delete-completed', 'data-export-completed', 'unknown'] as const;

export interface BuildFlags {
  readonly shape?: string | undefined;
  readonly person?: string | undefined;
  readonly 'external-id'?: string | undefined;
  readonly 'download-url'?: string | undefined;
}

/** The body `send` posts for an event type and its flags, serialised once: these bytes are signed and sent. */
export function buildBody(type: string, flags: BuildFlags): string {
  if (!(EVENT_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`unknown event type ${quoteName(type)}: expected one of ${EVENT_TYPES.join(', ')}`);
  }
  const shape = flags.shape ?? 'bundle';
  if (shape !== 'bundle' && shape !== 'header') throw new UsageError("--shape expects 'bundle' or 'header'");
  const downloadUrl = flags['download-url'];
  if (downloadUrl !== undefined && type !== 'data-export-completed') {
    throw new UsageError('--download-url applies to data-export-completed only');
  }
  const options = {
    shape,
    ...(flags.person !== undefined && { personId: flags.person }),
    ...(flags['external-id'] !== undefined && { externalId: flags['external-id'] }),
  } as const;
  const payload =
    type === 'user-delete-completed'
      ? buildUserDeleteCompleted(options)
      : type === 'data-export-completed'
        ? buildDataExportCompleted({ ...options, ...(downloadUrl !== undefined && { downloadUrl }) })
        : buildUnknownEvent(options);
  return JSON.stringify(payload, null, 2);
}

export const send: Command = {
  name: 'send',
  summary: 'sign a realistic b.well event (or a file) and POST it to a URL',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommand(argv, {
      ...secretOptions,
      url: { type: 'string' },
      shape: { type: 'string' },
      person: { type: 'string' },
      'external-id': { type: 'string' },
      'download-url': { type: 'string' },
      file: { type: 'string' },
      id: { type: 'string' },
      'max-bytes': { type: 'string' },
    });
    expectPositionals(positionals, 1, 'send');
    const [type] = positionals;
    if (values.url === undefined || !URL.canParse(values.url)) throw new UsageError('--url URL (absolute) is required');
    if ((type === undefined) === (values.file === undefined)) {
      throw new UsageError('give an event type or --file FILE, one of the two');
    }
    const built = ['shape', 'person', 'external-id', 'download-url'] as const;
    if (values.file !== undefined && built.some((flag) => values[flag] !== undefined)) {
      throw new UsageError(
        '--file is sent unchanged: --shape, --person, --external-id and --download-url do not apply',
      );
    }
    const maxBytes = integerFlag(values['max-bytes'], 'max-bytes', 1, 2 ** 31) ?? DEFAULT_MAX_BYTES;
    const body =
      values.file !== undefined ? await readInput(values.file, 'file', maxBytes) : buildBody(type as string, values);
    const secret = await requireSecret(values, io.env);
    const out = createOutput(io, values.json === true, secretForms(secret));
    const headers = await signPayload({
      payload: body,
      secret,
      ...(values.id !== undefined && { id: values.id }),
    }).catch((error: unknown) => {
      throw secretMistake(secret, error);
    });
    const id = headers['webhook-id'];
    out.line(`→ POST ${values.url} ${type ?? escapeControl(values.file as string)} webhook-id ${escapeControl(id)}`);
    let response: Response;
    try {
      response = await fetch(values.url, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', ...headers },
        body,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const { cause } = error as { cause?: { code?: string; message?: string } };
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      out.data({ url: values.url, id, error: reason });
      out.warn(`bwell-webhooks: no answer from ${values.url}: ${reason}`);
      return 1;
    }
    const text = await response.text();
    const answer = parseJson(text);
    const code = errorCodeOf(answer);
    out.data({ url: values.url, id, status: response.status, ...(code && { code }), body: answer });
    // Whatever answers at the URL is unverified: its status text, code and body are printed escaped.
    const status = escapeControl(`${response.status} ${response.statusText}`);
    out.line(`← ${out.paint(response.ok ? 'green' : 'red', status)}${code ? ` ${escapeControl(code)}` : ''}`);
    if (text) {
      const shown =
        typeof answer === 'string' ? answer.split('\n').map(escapeControl).join('\n') : JSON.stringify(answer, null, 2);
      out.line(escapeJsonControl(shown));
    }
    return response.ok ? 0 : 1;
  },
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
