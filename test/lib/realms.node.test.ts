import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isArrayBuffer } from '../../src/lib/bytes.js';
import { isPromiseLike } from '../../src/lib/promise-like.js';

// Values made in another realm (a VM sandbox, an iframe, the edge runtime's context) fail instanceof checks
// against this realm's constructors; these helpers must still recognise them.
describe('isArrayBuffer', () => {
  it('recognises an ArrayBuffer from another realm, which instanceof ArrayBuffer does not', () => {
    const foreign: unknown = runInNewContext('new ArrayBuffer(4)');
    expect(foreign instanceof ArrayBuffer).toBe(false);
    expect(isArrayBuffer(foreign)).toBe(true);
    expect(isArrayBuffer(new ArrayBuffer(4))).toBe(true);
  });

  it.each([new Uint8Array(4), new SharedArrayBuffer(4), {}, '[object ArrayBuffer]', null])('refuses %o', (value) => {
    expect(isArrayBuffer(value)).toBe(false);
  });
});

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
