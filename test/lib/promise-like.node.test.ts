import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isPromiseLike } from '../../src/lib/promise-like.js';

describe('isPromiseLike', () => {
  it('recognises a promise from another realm, which instanceof Promise does not', () => {
    const foreign: unknown = runInNewContext('Promise.resolve(true)');
    expect(foreign instanceof Promise).toBe(false);
    expect(isPromiseLike(foreign)).toBe(true);
    expect(isPromiseLike(Promise.resolve(true))).toBe(true);
  });

  it.each([true, false, 'v1,abc', 0, null, undefined, {}])('refuses %j', (value) => {
    expect(isPromiseLike(value)).toBe(false);
  });

  it('refuses an object whose then is not a function', () => {
    expect(isPromiseLike(Object.fromEntries([['then', 1]]))).toBe(false);
  });
});
