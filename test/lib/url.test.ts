import { describe, expect, it } from 'vitest';
import { isAbsoluteUrl, isHttpsUrl } from '../../src/lib/url.js';

describe('isAbsoluteUrl', () => {
  it.each(['https://icanbwell.com', 'llp:10.1.1.10:9910', 'mllp://host:2575', 'urn:uuid:1', 'http://[::1]:80/'])(
    'parses %s',
    (text) => {
      expect(isAbsoluteUrl(text)).toBe(true);
    },
  );

  it.each([
    'icanbwell.com',
    '/path',
    ' https://icanbwell.com',
    'https://icanbwell.com\n',
    'https://a b',
    'http://[::1',
  ])('refuses %j', (text) => {
    expect(isAbsoluteUrl(text)).toBe(false);
  });
});

describe('isHttpsUrl', () => {
  it.each([
    'https://icanbwell.com/x.zip',
    'HTTPS://icanbwell.com',
    'https://app.prod.icanbwell.com/client_id#/auth?authCode=12345&redirectUri=https://app.prod.icanbwell.com/client_id#/download/12345?type=userDataExport',
  ])('accepts %s', (text) => {
    expect(isHttpsUrl(text)).toBe(true);
  });

  it.each([
    'http://icanbwell.com',
    'https:icanbwell.com',
    'https:\\\\icanbwell.com',
    'https:///',
    'https://',
    'ftp://x',
  ])('refuses %j', (text) => {
    expect(isHttpsUrl(text)).toBe(false);
  });
});
