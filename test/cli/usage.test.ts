// Usage mistakes get our own short messages: one prefix, balanced quotes, and a suggestion for a typo.
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, run } from './binary.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

beforeAll(requireBuild);

/** The first line of stderr, and a check that the second points to the right help. */
async function usage(args: string[], help = `bwell-webhooks ${args[0]} --help`) {
  const { code, stdout, stderr } = await run(args);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  const [first, second] = stderr.split('\n');
  expect(second).toBe(`Run '${help}' for usage.`);
  return first as string;
}

describe('usage errors', { timeout: 30_000 }, () => {
  it('print the library message for a secret that is not base64 with one prefix', async () => {
    const line = await usage(['sign', '--body', '-', '--secret', 'whsec_not-base64!!']);
    expect(line).toBe('bwell-webhooks: the secret is not base64');
  });

  it.each([
    { args: ['sign', '--nope'], line: 'bwell-webhooks: unknown option --nope' },
    { args: ['sign', '-x'], line: 'bwell-webhooks: unknown option -x' },
    { args: ['sign', '--secrt', SECRET], line: 'bwell-webhooks: unknown option --secrt (did you mean --secret?)' },
    { args: ['verify', '--bdy', 'x'], line: 'bwell-webhooks: unknown option --bdy (did you mean --body?)' },
    {
      args: ['listen', '--max-byte=10'],
      line: 'bwell-webhooks: unknown option --max-byte (did you mean --max-bytes?)',
    },
    { args: ['sign', '--body'], line: 'bwell-webhooks: --body needs a value' },
    {
      args: ['sign', '--body', '--json'],
      line: "bwell-webhooks: --body needs a value (to give one that starts with '-', write --body=VALUE)",
    },
    { args: ['sign', '--json=yes'], line: 'bwell-webhooks: --json takes no value' },
  ])('say "$line" for $args', async ({ args, line }) => {
    const first = await usage(args);
    expect(first).toBe(line);
    // Node's own parseArgs text leaves a quote open; ours never does.
    expect((first.match(/'/g) ?? []).length % 2).toBe(0);
    expect(first).not.toContain(SECRET.slice(6));
  });

  it('suggest the command meant by a typo, from the command table', async () => {
    expect(await usage(['sgin'], 'bwell-webhooks --help')).toBe(
      "bwell-webhooks: unknown command 'sgin' (did you mean 'sign'?)",
    );
    expect(await usage(['lsiten'], 'bwell-webhooks --help')).toBe(
      "bwell-webhooks: unknown command 'lsiten' (did you mean 'listen'?)",
    );
    expect(await usage(['frobnicate'], 'bwell-webhooks --help')).toBe("bwell-webhooks: unknown command 'frobnicate'");
  });

  it('take an option before the command as an unknown option, not a command', async () => {
    expect(await usage(['--jsn'], 'bwell-webhooks --help')).toBe(
      'bwell-webhooks: unknown option --jsn (options go after the command: bwell-webhooks <command> [options])',
    );
  });
});

describe('sign --help', () => {
  it("gives a curl example that sends b.well's content type", async () => {
    const { stdout } = await run(['sign', '--help']);
    const curl = stdout.split('\n').find((line) => line.trimStart().startsWith('curl '));
    expect(curl).toContain("-H 'content-type: application/fhir+json'");
  });
});
