import { describe, expect, it } from 'vitest';
import { decodeSignature } from '../../src/lib/bytes.js';
import { same } from '../../src/lib/constant-time.js';
import { readSignatures, signedPrefix } from '../../src/verify/content.js';
import { standardWebhooks } from '../../src/verify/scheme.js';

const span = (text: string) => ({ source: `v1,${text}`, start: 3, end: 3 + text.length });

describe('signature helpers', () => {
  it('compare texts for equality whatever their lengths', () => {
    expect(same('abc', 'abc')).toBe(true);
    expect(same('abc', 'abd')).toBe(false);
    expect(same('abc', 'ab')).toBe(false);
    expect(same('abc', 'abcd')).toBe(false);
    expect(same('', '')).toBe(true);
  });

  it('compare a text with a span of another in place, the length of the span included', () => {
    const header = 'v1,abc v1,ab v1,abcd';
    expect(same('abc', header, 3, 6)).toBe(true);
    expect(same('abc', header, 10, 12)).toBe(false);
    expect(same('ab', header, 10, 12)).toBe(true);
    expect(same('abc', header, 16, 20)).toBe(false);
    expect(same('abcd', header, 16, 20)).toBe(true);
    expect(same('abcd', 'v1,abc', 3, 6)).toBe(false);
  });

  it('read only canonical signatures: padded base64 with zero trailing bits, lower-case hex', () => {
    expect(decodeSignature(span('AAE='), 'base64')).toEqual(Uint8Array.of(0, 1));
    expect(decodeSignature(span('AAF='), 'base64')).toBeUndefined();
    expect(decodeSignature(span('AAE'), 'base64')).toBeUndefined();
    expect(decodeSignature(span('0aff'), 'hex')).toEqual(Uint8Array.of(10, 255));
    expect(decodeSignature(span('0AFF'), 'hex')).toBeUndefined();
    expect(decodeSignature(span('0af'), 'hex')).toBeUndefined();
  });

  it('keep the id literal in the signed content, even with replacement patterns in it', () => {
    expect(signedPrefix(standardWebhooks, "msg_$&$'$1", '1')).toBe("msg_$&$'$1.1.");
  });

  it('split a signature header into the entries of known formats', () => {
    const entries = readSignatures(standardWebhooks, 'v1,a v2,b v1a,c  junk v1,');
    expect(entries.map(({ format, source, start, end }) => [format.version, source.slice(start, end)])).toEqual([
      ['v1', 'a'],
      ['v1a', 'c'],
      ['v1', ''],
    ]);
  });
});
