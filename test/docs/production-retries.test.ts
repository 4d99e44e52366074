// docs/production.md says which answers make b.well retry: RECEIVE_RESPONSES grouped by acknowledgement code.
// Equal, or fail (a new status needs a word on that page).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECEIVE_RESPONSES } from '../../src/index.js';
import { ROOT } from './snippets.js';

function documented(): Record<string, number[]> {
  const page = readFileSync(join(ROOT, 'docs/production.md'), 'utf8');
  const table = page.slice(page.indexOf('| Answer | `response.code` |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return Object.fromEntries(
    rows.map((row) => {
      const [, , code = '', statuses = ''] = row.split('|').map((cell) => cell.trim());
      return [code.replaceAll('`', ''), statuses.split(',').map(Number)];
    }),
  );
}

describe("docs/production.md's retry table", () => {
  it('lists, for each acknowledgement code, the statuses RECEIVE_RESPONSES answers with it', () => {
    const actual: Record<string, number[]> = {};
    for (const { code, status } of Object.values(RECEIVE_RESPONSES)) {
      actual[code] = [...new Set([...(actual[code] ?? []), status])].sort((a, b) => a - b);
    }
    expect(documented()).toEqual(actual);
  });
});
