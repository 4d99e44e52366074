import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectPositionals, integerFlag, parseCommand, quoteName, UsageError } from '../../src/cli/args.js';
import { describePath } from '../../src/cli/input.js';
import { createOutput, useColour } from '../../src/cli/output.js';
import { readSecret, requireSecret, secretForms } from '../../src/cli/secret.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('parseCommand', () => {
  it('parses known flags and the shared --json', () => {
    const { values, positionals } = parseCommand(['x', '--port', '1', '--json'], { port: { type: 'string' } });
    expect(values).toMatchObject({ port: '1', json: true });
    expect(positionals).toEqual(['x']);
  });

  it('turns an unknown flag into a usage error', () => {
    expect(() => parseCommand(['--nope'], {})).toThrow(UsageError);
  });

  it('says which flag lacks a value, or has one it does not take, without showing the value', () => {
    const options = { secret: { type: 'string' } } as const;
    expect(() => parseCommand(['--secret'], options)).toThrow(new UsageError('--secret needs a value'));
    expect(() => parseCommand(['--json=whsec_x'], options)).toThrow(new UsageError('--json takes no value'));
    expect(() => parseCommand(['--secret', '-whsec'], options)).toThrow(
      "--secret needs a value (to give one that starts with '-', write --secret=VALUE)",
    );
    expect(parseCommand(['--secret=-x', '--secret', '-'], options).values.secret).toBe('-');
  });
});

describe('argument checks', () => {
  it('refuses extra positionals without echoing them, since one may be a mistyped secret', () => {
    expect(() => expectPositionals([SECRET], 0, 'sign')).toThrow(new UsageError('sign takes no arguments, got 1'));
  });

  it('quotes names but only describes values that could be secrets', () => {
    expect(quoteName('user-created')).toBe("'user-created'");
    expect(quoteName(SECRET)).toBe(`an argument of ${SECRET.length} characters`);
  });

  it('shows a path, escaped, unless it looks like a secret typed in its place', () => {
    expect(describePath('body.json')).toBe('body.json');
    expect(describePath('/home/user/projects/webhook-body')).toBe('/home/user/projects/webhook-body');
    expect(describePath('captures/Delivery2024.json')).toBe('captures/Delivery2024.json');
    expect(describePath('a\x1b[2J.json')).toBe('a\\x1b[2J.json');
    for (const secret of [SECRET, SECRET.slice(6), 'whpk_abc', 'WHSK_x', 'AAECAwQFBgcICQoLDA0ODw==']) {
      expect(describePath(secret)).toBe('(a path that looks like a secret, not shown)');
    }
  });

  it('reads integer flags within bounds and refuses anything else', () => {
    expect(integerFlag('8080', 'port', 0, 65535)).toBe(8080);
    expect(integerFlag(undefined, 'port', 0, 65535)).toBeUndefined();
    expect(() => integerFlag('70000', 'port', 0, 65535)).toThrow('--port expects an integer from 0 to 65535');
    expect(() => integerFlag('1.5', 'port', 0, 65535)).toThrow(UsageError);
  });
});

describe('useColour', () => {
  it('colours a TTY only', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    expect(useColour({}, {})).toBe(false);
  });

  it('never colours with NO_COLOR set, even on a TTY or with FORCE_COLOR', () => {
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });

  it('ignores an empty NO_COLOR, as no-color.org says', () => {
    expect(useColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
  });

  it('colours a pipe when FORCE_COLOR asks for it', () => {
    expect(useColour({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColour({ isTTY: false }, { FORCE_COLOR: '0' })).toBe(false);
  });
});

describe('createOutput', () => {
  const sink = () => {
    const chunks: string[] = [];
    return { chunks, stream: { write: (chunk: string) => chunks.push(chunk) } as unknown as NodeJS.WritableStream };
  };

  it('writes lines for people or JSON for scripts, never both', () => {
    const human = sink();
    const machine = sink();
    const a = createOutput({ stdout: human.stream, stderr: human.stream, env: {} }, false);
    const b = createOutput({ stdout: machine.stream, stderr: machine.stream, env: {} }, true);
    for (const out of [a, b]) {
      out.line('hello');
      out.data({ ok: true });
    }
    expect(human.chunks).toEqual(['hello\n']);
    expect(machine.chunks).toEqual(['{"ok":true}\n']);
  });

  it('scrubs every form of the secret from what it writes', () => {
    const { chunks, stream } = sink();
    const out = createOutput({ stdout: stream, stderr: stream, env: {} }, false, secretForms(SECRET));
    out.line(`a ${SECRET} b ${SECRET.slice(6)}`);
    out.warn(SECRET);
    expect(chunks.join('')).not.toContain(SECRET.slice(6));
    expect(chunks).toEqual(['a [secret] b [secret]\n', '[secret]\n']);
  });
});

describe('readSecret', () => {
  let dir: string;
  let count = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bwell-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const file = async (content: string) => {
    const path = join(dir, `secret-${count++}`);
    await writeFile(path, content);
    return path;
  };

  it('prefers --secret, then --secret-file, then BWELL_WEBHOOK_SECRET', async () => {
    const env = { BWELL_WEBHOOK_SECRET: 'from-env' };
    expect(await readSecret({ secret: 'from-flag' }, env)).toBe('from-flag');
    expect(await readSecret({ 'secret-file': await file('from-file') }, env)).toBe('from-file');
    expect(await readSecret({}, env)).toBe('from-env');
    expect(await readSecret({}, {})).toBeUndefined();
  });

  it('ignores the trailing newline of a secret file, LF or CRLF', async () => {
    expect(await readSecret({ 'secret-file': await file(`${SECRET}\n`) }, {})).toBe(SECRET);
    expect(await readSecret({ 'secret-file': await file(`${SECRET}\r\n`) }, {})).toBe(SECRET);
  });

  it('refuses both flags, an empty secret and an unreadable file without printing any secret', async () => {
    await expect(readSecret({ secret: SECRET, 'secret-file': 'x' }, {})).rejects.toThrow('not both');
    await expect(readSecret({ 'secret-file': await file('\n') }, {})).rejects.toThrow('is empty');
    await expect(readSecret({ 'secret-file': '/nonexistent/secret' }, {})).rejects.toThrow(
      'cannot read --secret-file /nonexistent/secret: ENOENT',
    );
  });

  it('names the three ways to give a secret when none is given', async () => {
    await expect(requireSecret({}, {})).rejects.toThrow(/--secret-file FILE, set BWELL_WEBHOOK_SECRET, or --secret/);
  });
});
