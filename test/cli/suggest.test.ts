import { describe, expect, it } from 'vitest';
import { unknownOption } from '../../src/cli/args.js';
import { closest } from '../../src/cli/suggest.js';

const COMMANDS = ['demo', 'listen', 'send', 'verify', 'sign'];

describe('closest', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(closest('sgin', COMMANDS)).toBe('sign');
    expect(closest('lsiten', COMMANDS)).toBe('listen');
  });

  it('finds one missing, extra or wrong letter', () => {
    expect(closest('verfy', COMMANDS)).toBe('verify');
    expect(closest('sends', COMMANDS)).toBe('send');
    expect(closest('dema', COMMANDS)).toBe('demo');
  });

  it('allows two edits for longer words, one for short ones', () => {
    expect(closest('lisetn', COMMANDS)).toBe('listen');
    expect(closest('vrfy', COMMANDS)).toBeUndefined();
    expect(closest('sx', COMMANDS)).toBeUndefined();
  });

  it('prefers the nearest candidate, then the first in order', () => {
    expect(closest('sen', ['sign', 'send'])).toBe('send');
    expect(closest('max-byte', ['max-bytes', 'max-byt'])).toBe('max-bytes');
  });

  it('suggests nothing for a word that is not close to any', () => {
    expect(closest('frobnicate', COMMANDS)).toBeUndefined();
    expect(closest('', COMMANDS)).toBeUndefined();
  });
});

describe('unknownOption', () => {
  it('names the flag and the one meant', () => {
    expect(unknownOption('--secrt', ['secret', 'secret-file'])).toBe('unknown option --secrt (did you mean --secret?)');
    expect(unknownOption('-x', ['secret'])).toBe('unknown option -x');
  });

  it('only describes a flag that does not look like one: it may be a secret', () => {
    expect(unknownOption('--whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+/=', ['secret'])).toBe(
      'unknown option of 43 characters',
    );
  });
});
