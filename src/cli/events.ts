import { MESSAGE_DEFINITIONS } from '../index.js';
import { type Command, expectPositionals, parseCommand } from './args.js';
import { createOutput } from './output.js';

const help = `bwell-webhooks events: list the events this SDK knows, as FHIR R4 MessageDefinitions

Usage: bwell-webhooks events [--json]

Prints one row per event: its type (the eventCoding.code), its focus rules (resource type and min..max), when it
is acknowledged (responseRequired) and its canonical URL. The URLs are this SDK's own: b.well publishes none.
Events b.well adds later are defined in your code with defineEvent (see docs/new-events.md).

Options:
  --json   print the MessageDefinitions themselves, as one JSON array

Exit codes: 0 ok, 2 usage error.`;

/** `bwell-webhooks events`: the catalogue as a table, or (`--json`) the MessageDefinitions. */
export const events: Command = {
  name: 'events',
  summary: 'list the events this SDK knows (their MessageDefinitions)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommand(argv, {});
    expectPositionals(positionals, 0, 'events');
    const out = createOutput(io, values.json === true);
    const definitions = Object.values(MESSAGE_DEFINITIONS);
    out.data(definitions);
    const rows = definitions.map((definition) => [
      definition.eventCoding?.code ?? '',
      (definition.focus ?? []).map((rule) => `${rule.code} ${rule.min}..${rule.max ?? '*'}`).join(', '),
      definition.responseRequired ?? 'always',
      definition.url ?? '',
    ]);
    const table = [['TYPE', 'FOCUS', 'ACKNOWLEDGED', 'URL'], ...rows];
    const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0))) ?? [];
    for (const row of table)
      out.line(
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd(),
      );
    return 0;
  },
};
