import { beforeAll, describe, expect, it } from 'vitest';
import { isExpected } from '../../src/cli/demo-cases.js';
import { describeRecord } from '../../src/cli/receiver.js';
import { requireBuild, run } from './binary.js';

beforeAll(requireBuild);

describe('bwell-webhooks demo', { timeout: 30_000 }, () => {
  it('delivers nine deliveries, each with the expected outcome, and exits 0', async () => {
    const { code, stdout, stderr } = await run(['demo']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((line) => /^[✓✗] /.test(line));
    expect(lines).toHaveLength(9);
    expect(lines.every((line) => line.startsWith('✓'))).toBe(true);
    const expected = [
      /user-delete-completed, MessageHeader .* 200 {2}handled user-delete-completed: person Person\/\d+, external id urn:client:identifier\|/,
      /user-delete-completed, Bundle .* 200 {2}handled user-delete-completed: person Person\/789, external id urn:client:identifier\|a5ddab6d/,
      /data-export-completed, MessageHeader .* 200 {2}handled data-export-completed: .*download https:\/\//,
      /data-export-completed, Bundle .* 200 {2}handled data-export-completed: .*download https:\/\//,
      /tampered.* 401 {2}refused: no_matching_signature$/,
      /replay of delivery 1 .* 200 {2}duplicate: acknowledged, handler not run again$/,
      /stale.* 401 {2}refused: timestamp_too_old$/,
      /unknown event type .* 200 {2}acknowledged unknown: event http:\/\/icanbwell.com\/event-types\|user-merge-completed$/,
      /body over the cap .* 413 {2}refused: payload_too_large$/,
    ];
    for (const [index, pattern] of expected.entries()) expect(lines[index]).toMatch(pattern);
    expect(stdout).toContain('All 9 deliveries had the expected outcome.');
  });

  it('prints one JSON document with every delivery under --json', async () => {
    const { code, stdout } = await run(['demo', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ok: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/) });
    expect(report.deliveries.map((d: { record: { status: number } }) => d.record.status)).toEqual([
      200, 200, 200, 200, 401, 200, 401, 200, 413,
    ]);
  });

  it('colours only when asked, and never with NO_COLOR', async () => {
    const ansi = '\x1b[';
    expect((await run(['demo'])).stdout).not.toContain(ansi);
    expect((await run(['demo'], { env: { FORCE_COLOR: '1' } })).stdout).toContain(ansi);
    expect((await run(['demo'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain(ansi);
  });
});

describe('isExpected', () => {
  const record = { status: 401, id: 'msg_1', outcome: 'refused', code: 'no_matching_signature' } as const;

  it('passes a delivery whose status, outcome and code are the expected ones', () => {
    expect(isExpected({ status: 401, outcome: 'refused', code: 'no_matching_signature' }, record)).toBe(true);
  });

  it('fails a delivery when any of them differs, so that the demo exits 1', () => {
    expect(isExpected({ status: 400, outcome: 'refused', code: 'no_matching_signature' }, record)).toBe(false);
    expect(isExpected({ status: 401, outcome: 'refused', code: 'timestamp_too_old' }, record)).toBe(false);
    expect(isExpected({ status: 401, outcome: 'duplicate' }, record)).toBe(false);
    expect(
      isExpected(
        { status: 200, outcome: 'handled', type: 'user-delete-completed' },
        { ...record, status: 200, outcome: 'handled' },
      ),
    ).toBe(false);
  });
});

describe('describeRecord', () => {
  it('adds why a delivery was refused only when asked', () => {
    const record = {
      status: 401,
      id: 'msg_1',
      outcome: 'refused',
      code: 'no_matching_signature',
      message: 'why',
    } as const;
    expect(describeRecord(record)).toBe('refused: no_matching_signature');
    expect(describeRecord(record, true)).toBe('refused: no_matching_signature (why)');
  });
});
