import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { parseHeaderLine, parseHeaderText } from '../../src/cli/headers.js';

describe('parseHeaderText', () => {
  it('reads name: value lines with lower-cased names and trimmed values', () => {
    const headers = parseHeaderText('Webhook-Id: msg_1\r\nwebhook-timestamp:  1700000000 \n', 'h.txt');
    expect({ ...headers }).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000' });
  });

  it('skips the request line of a raw HTTP capture and stops at the blank line before the body', () => {
    const capture = 'POST /webhook HTTP/1.1\nHost: x\nwebhook-id: msg_1\n\n{"resourceType":"Bundle"}';
    expect({ ...parseHeaderText(capture, 'capture') }).toEqual({ host: 'x', 'webhook-id': 'msg_1' });
  });

  it('keeps a repeated header as an array so that the ambiguity is not hidden', () => {
    expect(parseHeaderText('webhook-id: a\nwebhook-id: b', 'h')['webhook-id']).toEqual(['a', 'b']);
  });

  it('accepts a JSON object whose values are strings or arrays of strings', () => {
    const headers = parseHeaderText('{"Webhook-Id":"msg_1","webhook-signature":["v1,a","v1,b"]}', 'h.json');
    expect({ ...headers }).toEqual({ 'webhook-id': 'msg_1', 'webhook-signature': ['v1,a', 'v1,b'] });
  });

  it('does not let a __proto__ header name touch any prototype', () => {
    const headers = parseHeaderText('{"__proto__":"x"}', 'h.json');
    expect(Object.getPrototypeOf(headers)).toBe(null);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('names the line of a malformed header in a usage error', () => {
    expect(() => parseHeaderText('webhook-id: a\nnot a header', 'h.txt')).toThrow(
      new UsageError("h.txt line 2: expected 'name: value'"),
    );
  });

  it('refuses JSON that is not an object of strings', () => {
    expect(() => parseHeaderText('{"a": 1}', 'h.json')).toThrow(UsageError);
    expect(() => parseHeaderText('{nope', 'h.json')).toThrow(/not valid JSON/);
  });
});

describe('parseHeaderLine', () => {
  it('adds to the headers it is given', () => {
    const headers = parseHeaderLine('a: 1', '-H');
    parseHeaderLine('B: 2', '-H', headers);
    expect({ ...headers }).toEqual({ a: '1', b: '2' });
  });
});
