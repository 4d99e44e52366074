// Runs twice: against node:crypto in the node project and against WebCrypto in the edge project.

import { describe, expect, it } from 'vitest';
import * as seam from '#crypto';
import type { TextSpan } from '../../src/crypto/types.js';
import { base64Decode, base64Encode, utf8Encode } from '../../src/lib/bytes.js';

const bytes = (base64: string) => base64Decode(base64) as Uint8Array;
// A signature as it stands in a header, between other entries: read in place.
const inHeader = (text: string): TextSpan => ({ source: `v1,xyz v1,${text} v2,abc`, start: 10, end: 10 + text.length });
const SEED = bytes('6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbc=');
const PUBLIC = bytes('1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=');
const PREFIX = 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.';
const BODY = '{"test": 2432232314}';
const V1A = 'hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==';

describe('the #crypto seam', () => {
  it('digests text and bytes with SHA-256, in lower-case hex (FIPS 180-2 "abc", and the empty string)', async () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await seam.sha256Hex('abc')).toBe(abc);
    expect(await seam.sha256Hex(utf8Encode('abc'))).toBe(abc);
    expect(await seam.sha256Hex(utf8Encode('xabcx').subarray(1, 4))).toBe(abc);
    expect(await seam.sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('computes HMAC-SHA256 over prefix and body, the body as text or bytes, encoded in base64', async () => {
    const key = await seam.importHmacKey(bytes('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), 'SHA-256');
    const expected = 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    expect(await seam.hmac(key, PREFIX, BODY, 'base64')).toBe(expected);
    expect(await seam.hmac(key, PREFIX, utf8Encode(BODY), 'base64')).toBe(expected);
    expect(await seam.hmac(key, '', utf8Encode(PREFIX + BODY), 'base64')).toBe(expected);
  });

  it('computes HMAC-SHA512 encoded in lower-case hex (RFC 4231 test case 2)', async () => {
    const key = await seam.importHmacKey(utf8Encode('Jefe'), 'SHA-512');
    expect(await seam.hmac(key, 'what do ya want ', 'for nothing?', 'hex')).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
  });

  it('checks one HMAC in its canonical encoding: accepts it, refuses any other text', async () => {
    const key = await seam.importHmacKey(bytes('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), 'SHA-256');
    const mac = 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    expect(await seam.hmacEquals(key, PREFIX, BODY, inHeader(mac), 'base64')).toBe(true);
    expect(await seam.hmacEquals(key, PREFIX, utf8Encode(BODY), inHeader(mac), 'base64')).toBe(true);
    for (const text of [
      'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=', // another MAC
      'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=', // the same bytes, non-zero trailing bits
      'g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE=', // base64url
      'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE', // unpadded
      mac.slice(0, 40), // a prefix of the MAC
      '',
    ]) {
      expect(await seam.hmacEquals(key, PREFIX, BODY, inHeader(text), 'base64'), text).toBe(false);
    }
    expect(await seam.hmacEquals(key, PREFIX, '{"test": 2432232315}', inHeader(mac), 'base64')).toBe(false);
    const hex = await seam.hmac(key, PREFIX, BODY, 'hex');
    expect(await seam.hmacEquals(key, PREFIX, BODY, inHeader(hex), 'hex')).toBe(true);
    expect(await seam.hmacEquals(key, PREFIX, BODY, inHeader(hex.toUpperCase()), 'hex')).toBe(false);
  });

  it('encodes a string body as UTF-8, lone surrogates as U+FFFD', async () => {
    const key = await seam.importHmacKey(utf8Encode('k'), 'SHA-256');
    const text = 'é \ud83d\ude00 \ud800';
    expect(await seam.hmac(key, 'p.', text, 'hex')).toBe(await seam.hmac(key, 'p.', utf8Encode(text), 'hex'));
  });

  it('signs Ed25519 deterministically and verifies the signature (Svix v1a vector)', async () => {
    const privateKey = await seam.importEd25519PrivateKey(SEED);
    const publicKey = await seam.importEd25519PublicKey(PUBLIC);
    const signature = await seam.signEd25519(privateKey, PREFIX, BODY);
    expect(base64Encode(signature)).toBe(V1A);
    expect(await seam.verifyEd25519(publicKey, PREFIX, BODY, signature)).toBe(true);
    expect(await seam.verifyEd25519(publicKey, PREFIX, utf8Encode(BODY), signature)).toBe(true);
    expect(await seam.verifyEd25519(publicKey, PREFIX, '{"test": 2432232315}', signature)).toBe(false);
    signature[0] = (signature[0] as number) ^ 1;
    expect(await seam.verifyEd25519(publicKey, PREFIX, BODY, signature)).toBe(false);
  });

  it('rejects an Ed25519 signature of the wrong length as invalid rather than throwing', async () => {
    const publicKey = await seam.importEd25519PublicKey(PUBLIC);
    expect(await seam.verifyEd25519(publicKey, PREFIX, BODY, new Uint8Array(63))).toBe(false);
  });
});
