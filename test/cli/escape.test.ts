import { describe, expect, it } from 'vitest';
import { escapeControl, escapeJsonControl, escapeLine } from '../../src/cli/escape.js';
import { createOutput } from '../../src/cli/output.js';

const every = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join('');
const C0 = every(0x00, 0x1f);
const C1 = every(0x80, 0x9f);
const controls = (text: string) => [...text].filter((char) => escapeControl(char) !== char);

describe('escapeControl', () => {
  it('shows every C0, DEL and C1 control as \\xHH and nothing else', () => {
    const escaped = escapeControl(`a${C0}\x7f${C1}b`);
    expect(controls(escaped)).toEqual([]);
    expect(escaped.startsWith('a\\x00\\x01')).toBe(true);
    expect(escaped).toContain('\\x0a\\x0b');
    expect(escaped).toContain('\\x1f\\x7f\\x80');
    expect(escaped.endsWith('\\x9fb')).toBe(true);
  });

  it('leaves printable text alone, beyond latin1 too', () => {
    const text = 'msg_1 Person/789 ✓ é \u00a0 \u{1f600}';
    expect(escapeControl(text)).toBe(text);
  });
});

describe('escapeJsonControl', () => {
  it('writes DEL and C1 as \\u00HH, giving JSON that parses to the same value', () => {
    const value = { id: `msg_\x9b2J\x7f${C1}`, c0: '\x1b[2J' };
    const json = escapeJsonControl(JSON.stringify(value));
    expect(controls(json)).toEqual([]);
    expect(json).toContain('msg_\\u009b2J\\u007f\\u0080');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('escapeLine', () => {
  it("keeps line breaks and the command's own colours, and escapes anything else", () => {
    expect(escapeLine('\x1b[32m✓\x1b[0m a\nb')).toBe('\x1b[32m✓\x1b[0m a\nb');
    expect(escapeLine('\x1b[8mhidden\x1b[2J\r\x9b')).toBe('\\x1b[8mhidden\\x1b[2J\\x0d\\x9b');
  });
});

describe('createOutput', () => {
  const sink = () => {
    const chunks: string[] = [];
    return { chunks, stream: { write: (chunk: string) => chunks.push(chunk) } as unknown as NodeJS.WritableStream };
  };

  it('escapes control characters in everything it writes, in both modes', () => {
    const human = sink();
    const machine = sink();
    const a = createOutput({ stdout: human.stream, stderr: human.stream, env: {} }, false);
    const b = createOutput({ stdout: machine.stream, stderr: machine.stream, env: {} }, true);
    for (const out of [a, b]) {
      out.line('id \x9b2J');
      out.data({ id: '\x9b2J' });
      out.warn('warn \x1b]0;title\x07');
    }
    expect(human.chunks).toEqual(['id \\x9b2J\n', 'warn \\x1b]0;title\\x07\n']);
    expect(machine.chunks).toEqual(['{"id":"\\u009b2J"}\n', 'warn \\x1b]0;title\\x07\n']);
  });
});
