// docs/receiving.md shows the status table; RECEIVE_RESPONSES is the table the handler uses. Equal, or fail.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RECEIVE_RESPONSES, WEBHOOK_ERROR_CODES } from '../../src/index.js';

async function documentedRows() {
  const page = await readFile('docs/receiving.md', 'utf8');
  const table = page.slice(page.indexOf('| When | Status |'));
  const lines = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return lines.map((line) => {
    const [, , status, code, errors] = line.split('|').map((cell) => cell.trim());
    return {
      status: Number(/^\d+/.exec(status ?? '')?.[0]),
      code: code?.replaceAll('`', ''),
      errors: [...(errors ?? '').matchAll(/`([a-z_]+)`/g)].map((match) => match[1] as string),
    };
  });
}

describe('the status table of docs/receiving.md', () => {
  it('lists every error code once, with the status and response code the handler answers', async () => {
    const rows = await documentedRows();
    const documented = rows.flatMap((row) => row.errors.map((error) => ({ ...row, errors: [error] })));
    expect(documented.map((row) => row.errors[0]).sort()).toEqual([...WEBHOOK_ERROR_CODES].sort());
    for (const { errors, status, code } of documented) {
      expect({ error: errors[0], status, code }).toEqual({
        error: errors[0],
        status: RECEIVE_RESPONSES[errors[0] as keyof typeof RECEIVE_RESPONSES].status,
        code: RECEIVE_RESPONSES[errors[0] as keyof typeof RECEIVE_RESPONSES].code,
      });
    }
  });

  it('answers every accepted delivery with 200 ok', async () => {
    const accepted = (await documentedRows()).filter((row) => row.errors.length === 0);
    expect(accepted.length).toBeGreaterThan(0);
    for (const row of accepted) expect({ status: row.status, code: row.code }).toEqual({ status: 200, code: 'ok' });
    expect(RECEIVE_RESPONSES.ok).toMatchObject({ status: 200, code: 'ok' });
  });
});
