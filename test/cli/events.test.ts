// `bwell-webhooks events`, run as the built binary; and a user-defined event sent by the CLI's `send` to a real
// receiver on 127.0.0.1 that knows it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { merges, userMergeCompleted, webhook } from '../../examples/new-events.js';
import { MESSAGE_DEFINITIONS } from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { buildEvent } from '../../src/testing/index.js';
import { requireBuild, run } from './binary.js';

beforeAll(() => requireBuild());

describe('bwell-webhooks events', () => {
  it('lists the known events as a table', async () => {
    const { code, stdout, stderr } = await run(['events']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TYPE\s+FOCUS\s+ACKNOWLEDGED\s+URL$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^user-delete-completed\s+Person 1\.\.1\s+always\s+urn:bwell-webhooks:message-definition:user-delete-completed$/,
      ),
      expect.stringMatching(/^data-export-completed\s+Person 1\.\.1\s+always\s+urn:bwell-webhooks:message-definition:/),
    ]);
  });

  it('prints the MessageDefinitions with --json', async () => {
    const { code, stdout } = await run(['events', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(Object.values(MESSAGE_DEFINITIONS));
  });

  it('is listed in the help, and refuses arguments', async () => {
    expect((await run(['--help'])).stdout).toMatch(/ {2}events {3}list the events this SDK knows/);
    expect((await run(['events', '--help'])).stdout).toContain('Usage: bwell-webhooks events [--json]');
    const stray = await run(['events', 'user-delete-completed']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('events takes no arguments');
  });
});

describe('a user-defined event through the CLI', () => {
  it('round-trips through send, signPayload and createWebhookHandler, typed', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'bwell-events-'));
    const server = createServer(toNodeListener(webhook));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const file = join(directory, 'merge.json');
      await writeFile(file, JSON.stringify(buildEvent(userMergeCompleted, { personId: '501' })));
      merges.length = 0;
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
      const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
      const result = await run(['send', '--file', file, '--url', url, '--json'], {
        env: { BWELL_WEBHOOK_SECRET: secret },
      });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ status: 200 });
      expect(merges).toEqual([{ survivorId: '501', mergedId: '501-2' }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await rm(directory, { recursive: true, force: true });
    }
  });
});
