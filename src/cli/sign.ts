import { DEFAULT_MAX_BYTES, signPayload } from '../index.js';
import { type Command, expectPositionals, integerFlag, parseCommand, UsageError } from './args.js';
import { readInput } from './input.js';
import { createOutput } from './output.js';
import { requireSecret, secretForms, secretHelp, secretMistake, secretOptions } from './secret.js';

const help = `bwell-webhooks sign: print the Standard Webhooks headers for a body

Usage: bwell-webhooks sign --body FILE [options]

Options:
  --body FILE            the body to sign, byte for byte (- for stdin)
${secretHelp}
  --id ID                the webhook-id (default: a fresh msg_... id)
  --timestamp SECONDS    the webhook-timestamp in epoch seconds (default: now)
  --max-bytes N          the largest body to read (default 1048576)
  --json                 print the headers as a JSON object

Prints webhook-id, webhook-timestamp and webhook-signature as 'name: value' lines, the format that
'verify --headers' and 'curl -H' read.

Exit codes: 0 signed, 2 usage error.

Example:
  bwell-webhooks sign --secret-file secret.txt --body body.json > headers.txt
  curl -X POST http://127.0.0.1:3000/webhook -H @headers.txt -H 'content-type: application/fhir+json' --data-binary @body.json`;

export const sign: Command = {
  name: 'sign',
  summary: 'print the webhook-id, webhook-timestamp and webhook-signature headers for a body',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommand(argv, {
      ...secretOptions,
      body: { type: 'string' },
      id: { type: 'string' },
      timestamp: { type: 'string' },
      'max-bytes': { type: 'string' },
    });
    expectPositionals(positionals, 0, 'sign');
    if (values.body === undefined) throw new UsageError('--body FILE is required');
    const secret = await requireSecret(values, io.env);
    const out = createOutput(io, values.json === true, secretForms(secret));
    const timestamp = integerFlag(values.timestamp, 'timestamp', 0, 10 ** 12);
    const maxBytes = integerFlag(values['max-bytes'], 'max-bytes', 1, 2 ** 31) ?? DEFAULT_MAX_BYTES;
    const headers = await signPayload({
      payload: await readInput(values.body, 'body', maxBytes),
      secret,
      ...(values.id !== undefined && { id: values.id }),
      ...(timestamp !== undefined && { timestamp }),
    }).catch((error: unknown) => {
      throw secretMistake(secret, error);
    });
    out.data(headers);
    for (const [name, value] of Object.entries(headers)) out.line(`${name}: ${value}`);
    return 0;
  },
};
