import { describe, expect, it } from 'vitest';
import { decode, readSignatures, same, signedPrefix } from '../../src/verify/content.js';
import { githubSignatureScheme } from '../../src/verify/github-signature-scheme.js';
import { standardWebhooks } from '../../src/verify/scheme.js';

describe('signature helpers', () => {
  it('compare texts for equality whatever their lengths', () => {
    expect(same('abc', 'abc')).toBe(true);
    expect(same('abc', 'abd')).toBe(false);
    expect(same('abc', 'ab')).toBe(false);
    expect(same('abc', 'abcd')).toBe(false);
    expect(same('', '')).toBe(true);
  });

  it('read only canonical signatures: padded base64 with zero trailing bits, lower-case hex', () => {
    expect(decode(standardWebhooks, 'AAE=')).toEqual(Uint8Array.of(0, 1));
    expect(decode(standardWebhooks, 'AAF=')).toBeUndefined();
    expect(decode(standardWebhooks, 'AAE')).toBeUndefined();
    const github = githubSignatureScheme();
    expect(decode(github, '0aff')).toEqual(Uint8Array.of(10, 255));
    expect(decode(github, '0AFF')).toBeUndefined();
    expect(decode(github, '0af')).toBeUndefined();
  });

  it('keep the id literal in the signed content, even with replacement patterns in it', () => {
    expect(signedPrefix(standardWebhooks, "msg_$&$'$1", '1')).toBe("msg_$&$'$1.1.");
  });

  it('split a signature header into the entries of known formats', () => {
    const entries = readSignatures(standardWebhooks, 'v1,a v2,b v1a,c  junk v1,');
    expect(entries.map(({ format, text }) => [format.version, text])).toEqual([
      ['v1', 'a'],
      ['v1a', 'c'],
      ['v1', ''],
    ]);
  });
});
