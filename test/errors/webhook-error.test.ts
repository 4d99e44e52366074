import { describe, expect, it } from 'vitest';
import { isWebhookError, WEBHOOK_ERROR_CODES, WebhookError } from '../../src/index.js';

describe('WebhookError', () => {
  it('carries a code, a pointer, a message and a cause', () => {
    const cause = new SyntaxError('bad');
    const error = new WebhookError('invalid_field', 'Expected x, found y.', { pointer: '/source', cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'WebhookError', code: 'invalid_field', pointer: '/source', cause });
    expect(error.message).toBe('Expected x, found y.');
  });

  it('has no pointer or cause unless given', () => {
    const error = new WebhookError('invalid_json', 'x');
    expect(error.pointer).toBeUndefined();
    expect('cause' in error).toBe(false);
  });

  it('lists the parse codes', () => {
    for (const code of [
      'payload_too_large',
      'invalid_json',
      'not_a_message',
      'missing_field',
      'invalid_field',
      'unknown_event',
    ]) {
      expect(WEBHOOK_ERROR_CODES).toContain(code);
    }
    expect(new Set(WEBHOOK_ERROR_CODES).size).toBe(WEBHOOK_ERROR_CODES.length);
  });
});

describe('isWebhookError', () => {
  it('recognises a WebhookError', () => {
    expect(isWebhookError(new WebhookError('invalid_json', 'x'))).toBe(true);
  });

  it('recognises one made by another copy of the package (same registry-wide brand)', () => {
    const foreign = Object.defineProperty(new Error('x'), Symbol.for('bwell-webhooks.WebhookError'), { value: true });
    expect(foreign instanceof WebhookError).toBe(false);
    expect(isWebhookError(foreign)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a plain Error', new Error('x')],
    ['an Error named WebhookError', Object.assign(new Error('x'), { name: 'WebhookError', code: 'invalid_json' })],
    ['null', null],
    ['a string', 'WebhookError'],
  ])('rejects %s', (_, value) => {
    expect(isWebhookError(value)).toBe(false);
  });
});
