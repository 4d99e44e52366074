import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecret } from '../index.js';
import { toNodeListener } from '../node/index.js';
import { type Command, expectPositionals, integerFlag, parseCommand, UsageError } from './args.js';
import { escapeControl, escapeJsonControl } from './escape.js';
import { createOutput, type Output } from './output.js';
import { createReceiver, type DeliveryRecord, describeRecord } from './receiver.js';
import { readSecret, SECRET_ENV, secretForms, secretHelp, secretMistake, secretOptions } from './secret.js';

const help = `bwell-webhooks listen: a local receiver that verifies, parses and prints each delivery

Usage: bwell-webhooks listen [options]

Options:
  --port N               the port (default 4280; 0 picks a free one)
  --host HOST            the interface (default 127.0.0.1)
${secretHelp}
                         without any, a fresh secret is written to a private temporary file
  --forward URL          after verifying, POST each delivery unchanged (body and webhook-* headers) to
                         your app at URL; if it fails, the sender gets 500 and retries
  --max-bytes N          body size cap (default 1048576)
  --tolerance SECONDS    allowed clock skew either way (default 300)
  --show-body            also print each verified body, indented (with --json: as each record's resource)
  --json                 one JSON object per line: first {"listening": URL}, then one per delivery

Answers each delivery as createWebhookHandler does: 200 with b.well's FHIR acknowledgement, 401 for a bad
signature, 400 for a malformed body, 413 over the cap. Stops on Ctrl-C (exit 0).

Exit codes: 0 stopped, 1 the port could not be opened, 2 usage error.

Example:
  bwell-webhooks listen --secret-file secret.txt --forward http://127.0.0.1:3000/webhooks/bwell`;

/** One delivery as a line (and, with --show-body, its body) for people; the id is as sent, unverified. */
export function printDelivery(out: Output, record: DeliveryRecord, showBody: boolean): void {
  const time = new Date().toISOString().slice(11, 19);
  const ok = record.status >= 200 && record.status < 300;
  const status = out.paint(ok ? 'green' : 'red', String(record.status));
  const forwarded = record.forwarded === undefined ? '' : `, forwarded: ${record.forwarded}`;
  out.line(
    `${out.paint('dim', time)} ${status} ${escapeControl(record.id ?? '(no webhook-id)')} ${describeRecord(record, true)}${forwarded}`,
  );
  if (showBody && record.resource !== undefined)
    out.line(escapeJsonControl(JSON.stringify(record.resource, null, 2)).replace(/^/gm, '    '));
}

/** A fresh secret in a file only this user can read: the secret itself is never printed. */
async function freshSecretFile(): Promise<{ secret: string; file: string }> {
  const file = join(await mkdtemp(join(tmpdir(), 'bwell-webhooks-')), 'secret');
  const secret = generateSecret();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return { secret, file };
}

export const listen: Command = {
  name: 'listen',
  summary: 'run a local receiver that verifies, prints and optionally forwards deliveries',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommand(argv, {
      ...secretOptions,
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      forward: { type: 'string' },
      'max-bytes': { type: 'string' },
      tolerance: { type: 'string' },
      'show-body': { type: 'boolean' },
    });
    expectPositionals(positionals, 0, 'listen');
    const port = integerFlag(values.port, 'port', 0, 65535) ?? 4280;
    if (values.forward !== undefined && !URL.canParse(values.forward))
      throw new UsageError('--forward expects an absolute URL');
    const given = await readSecret(values, io.env);
    const generated = given === undefined ? await freshSecretFile() : undefined;
    const secret = given ?? (generated as { secret: string }).secret;
    const out = createOutput(io, values.json === true, secretForms(secret));
    if (values.secret !== undefined) {
      // A receiver runs for hours, and any user of the machine can read its command line all that time.
      out.warn(
        `bwell-webhooks: warning: --secret is visible to other users in ps while listen runs, and stays in your shell history; prefer --secret-file FILE or ${SECRET_ENV}`,
      );
    }

    let receiver: (request: Request) => Promise<Response>;
    try {
      receiver = createReceiver({
        secret,
        maxBytes: integerFlag(values['max-bytes'], 'max-bytes', 1, 2 ** 31),
        toleranceSeconds: integerFlag(values.tolerance, 'tolerance', 0, 10 ** 9),
        forward: values.forward,
        keepBody: values['show-body'] === true,
        onDelivery: (record) => {
          out.data(record);
          printDelivery(out, record, values['show-body'] === true);
        },
      });
    } catch (error) {
      throw secretMistake(secret, error);
    }
    const server = createServer(toNodeListener(receiver));
    const address = await new Promise<AddressInfo | Error>((resolve) => {
      server.once('error', resolve);
      server.listen(port, values.host, () => resolve(server.address() as AddressInfo));
    });
    if (address instanceof Error) {
      out.warn(`bwell-webhooks: cannot listen on ${values.host}:${port}: ${(address as NodeJS.ErrnoException).code}`);
      return 1;
    }
    // Before the first line: whoever reads it may stop us at once.
    const stopped = waitForSignal(server);
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}/webhook`;
    out.data({ listening: url, ...(generated && { secretFile: generated.file }) });
    out.line(`Listening on ${url}`);
    const file = generated?.file ?? values['secret-file'];
    const secretFlag = file
      ? ` --secret-file ${file}`
      : values.secret === undefined
        ? ''
        : ' --secret-file <a file holding the same secret>';
    if (generated) out.line(`No secret given: a fresh one is in ${generated.file}`);
    if (values.forward) out.line(`Forwarding verified deliveries to ${values.forward}`);
    out.line(out.paint('dim', `Try: bwell-webhooks send user-delete-completed --url ${url}${secretFlag}`));
    return stopped;
  },
};

/** Serves until SIGINT or SIGTERM, then closes every connection and resolves with exit code 0. */
function waitForSignal(server: Server): Promise<number> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve(0));
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
