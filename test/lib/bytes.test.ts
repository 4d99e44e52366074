import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  exceedsBytes,
  hexDecode,
  hexEncode,
  isArrayBuffer,
  isRawBody,
  toBytes,
  utf8Decode,
  utf8Encode,
} from '../../src/lib/bytes.js';

describe('isRawBody', () => {
  it.each<[string, unknown, boolean]>([
    ['a string', 'x', true],
    ['a Uint8Array', new Uint8Array(1), true],
    ['an ArrayBuffer', new ArrayBuffer(1), true],
    ['a DataView', new DataView(new ArrayBuffer(1)), true],
    ['a parsed object', { resourceType: 'Bundle' }, false],
    ['null', null, false],
    ['an array of numbers', [1, 2], false],
  ])('says %s is %s', (_, value, expected) => {
    expect(isRawBody(value)).toBe(expected);
  });
});

describe('isArrayBuffer', () => {
  it('recognises an ArrayBuffer by its brand, not only by instanceof', () => {
    const foreign = Object.create(null);
    Object.defineProperty(foreign, Symbol.toStringTag, { value: 'Object' });
    expect(isArrayBuffer(new ArrayBuffer(0))).toBe(true);
    expect(isArrayBuffer(new Uint8Array(0))).toBe(false);
    expect(isArrayBuffer(foreign)).toBe(false);
  });

  it('never takes a view for an ArrayBuffer, even one whose brand tag says it is', () => {
    // A view is told apart first: its bytes are read through the view, never as a whole buffer.
    const disguised = new Uint8Array(4);
    Object.defineProperty(disguised, Symbol.toStringTag, { value: 'ArrayBuffer' });
    expect(Object.prototype.toString.call(disguised)).toBe('[object ArrayBuffer]');
    expect(isArrayBuffer(disguised)).toBe(false);
  });
});

describe('toBytes', () => {
  it('encodes a string as UTF-8', () => {
    expect([...toBytes('é')]).toEqual([0xc3, 0xa9]);
  });

  it('views an ArrayBuffer without copying it', () => {
    const buffer = new Uint8Array([1, 2]).buffer;
    expect(toBytes(buffer).buffer).toBe(buffer);
  });

  it('returns an ArrayBuffer-backed Uint8Array as it is', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(toBytes(bytes)).toBe(bytes);
  });
});

describe('exceedsBytes', () => {
  it.each<[string, number, boolean]>([
    ['abc', 3, false],
    ['abc', 2, true],
    ['éé', 4, false],
    ['éé', 3, true],
    ['€', 3, false],
    ['€', 2, true],
    ['😀', 4, false],
    ['😀', 3, true],
    ['', 0, false],
  ])('says %j against a cap of %i bytes is %s', (text, cap, expected) => {
    expect(exceedsBytes(text, cap)).toBe(expected);
  });

  it('uses byteLength for bytes', () => {
    expect(exceedsBytes(new Uint8Array(10), 10)).toBe(false);
    expect(exceedsBytes(new Uint8Array(11).buffer, 10)).toBe(true);
  });

  test.prop([fc.string({ unit: 'binary' }), fc.nat(64)])(
    'agrees with the encoded length for any string',
    (text, cap) => {
      expect(exceedsBytes(text, cap)).toBe(new TextEncoder().encode(text).length > cap);
    },
  );
});

describe('utf8Decode', () => {
  it('round-trips with utf8Encode', () => {
    expect(utf8Decode(utf8Encode('b.well ✓'))).toBe('b.well ✓');
  });

  it('throws on malformed UTF-8 instead of repairing it', () => {
    expect(() => utf8Decode(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow(TypeError);
  });

  it('keeps a byte order mark (parse decides what to do with it)', () => {
    expect(utf8Decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\uFEFFa');
  });
});

describe('base64', () => {
  it('decodes strict padded base64', () => {
    expect([...(base64Decode('AQID') ?? [])]).toEqual([1, 2, 3]);
    expect([...(base64Decode('AQ==') ?? [])]).toEqual([1]);
  });

  it.each(['AQ', 'AQ=', 'A===', 'AQ-_', 'AQ==AQ==', ' AQID'])('refuses %j', (text) => {
    expect(base64Decode(text)).toBeUndefined();
  });

  test.prop([fc.uint8Array()])('round-trips any bytes', (bytes) => {
    expect([...(base64Decode(base64Encode(bytes)) ?? [])]).toEqual([...bytes]);
    expect([...(base64Decode(base64Encode(bytes), true) ?? [])]).toEqual([...bytes]);
  });

  it('decodes the empty text, and a span of a longer text in place', () => {
    expect(base64Decode('')).toEqual(new Uint8Array(0));
    expect([...(base64Decode('v1a,AQID AQ==', true, 4, 8) ?? [])]).toEqual([1, 2, 3]);
    expect([...(base64Decode('v1,AQID AQ==', true, 8, 12) ?? [])]).toEqual([1]);
    expect(base64Decode('v1,AQID', true, 3, 6)).toBeUndefined();
    // An empty span right after padding: the '=' before it is not its own.
    expect(base64Decode('AQ==', true, 4, 4)).toEqual(new Uint8Array(0));
    expect(base64Decode('AQ==v1', true, 4, 4)).toEqual(new Uint8Array(0));
  });

  it.each(['AQI\u0080', '\u0080AID', 'AQ\u007f=', 'AQ\u00ff='])('refuses a character outside base64: %j', (text) => {
    expect(base64Decode(text)).toBeUndefined();
  });

  it('refuses non-zero bits after the last byte only when canonical', () => {
    expect([...(base64Decode('AB==') ?? [])]).toEqual([0]);
    expect(base64Decode('AB==', true)).toBeUndefined();
    expect([...(base64Decode('AAB=') ?? [])]).toEqual([0, 0]);
    expect(base64Decode('AAB=', true)).toBeUndefined();
    expect([...(base64Decode('AAE=', true) ?? [])]).toEqual([0, 1]);
  });

  // The reference: the regular expression and atob this decoder replaced, and re-encoding for the canonical form.
  const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
  const reference = (text: string) =>
    STRICT.test(text) ? Uint8Array.from(atob(text), (c) => c.charCodeAt(0)) : undefined;
  const nearBase64 = fc.string({
    maxLength: 12,
    unit: fc.constantFrom(...'AQgw/+9zB=', '-', '_', ' ', '\u007f', '\u0080', '\u00e9'),
  });
  test.prop([nearBase64], { numRuns: 3000 })(
    'agrees with atob on strict base64, and with re-encoding on canonical',
    (text) => {
      const expected = reference(text);
      expect(base64Decode(text)).toEqual(expected);
      const canonical = expected !== undefined && base64Encode(expected) === text ? expected : undefined;
      expect(base64Decode(text, true)).toEqual(canonical);
    },
  );
});

describe('hex', () => {
  it('decodes either case, and only lower case when canonical', () => {
    expect([...(hexDecode('0aFF') ?? [])]).toEqual([10, 255]);
    expect(hexDecode('0aFF', true)).toBeUndefined();
    expect([...(hexDecode('0aff', true) ?? [])]).toEqual([10, 255]);
  });

  it.each(['0', 'abc', 'gg', '0x', ' 0a', '0a ', '/0', ':0', '@0', 'G0', '`0'])('refuses %j', (text) => {
    expect(hexDecode(text)).toBeUndefined();
  });

  it('reads each end of the three ranges of hex digits', () => {
    expect([...(hexDecode('0099aaffAAFF') ?? [])]).toEqual([0x00, 0x99, 0xaa, 0xff, 0xaa, 0xff]);
    expect(hexDecode('')).toEqual(new Uint8Array(0));
  });

  it('decodes a span of a longer text in place, from any offset', () => {
    expect([...(hexDecode('x0aff', true, 1, 5) ?? [])]).toEqual([10, 255]);
    expect([...(hexDecode('sha256=0aff', true, 7, 11) ?? [])]).toEqual([10, 255]);
    expect(hexDecode('x0aff', true, 1, 4)).toBeUndefined();
  });

  test.prop([fc.uint8Array()])('round-trips any bytes', (bytes) => {
    expect([...(hexDecode(hexEncode(bytes), true) ?? [])]).toEqual([...bytes]);
  });
});
