import { describe, expect, it } from 'vitest';
import { isUnsafeIntegerText, parseJsonLossless } from './lossless-json.js';

describe('parseJsonLossless', () => {
  it.each([
    ['a 19-digit id', '{"product_id":3660207428038974464}', { product_id: '3660207428038974464' }],
    ['a negative big integer', '[-9007199254740993]', ['-9007199254740993']],
    ['a safe 16-digit integer stays a number', '{"sku_id":3410716076201730}', { sku_id: 3410716076201730 }],
    ['digits inside a string are untouched', '{"a":"3660207428038974464","b":1}', { a: '3660207428038974464', b: 1 }],
    ['escaped quotes do not end a string', '{"a":"x\\"3660207428038974464","b":3660207428038974464}', { a: 'x"3660207428038974464', b: '3660207428038974464' }],
    ['fractions stay numbers', '{"a":12345678901234567.5}', { a: Number('12345678901234567.5') }],
  ])('%s', (_name, text, expected) => {
    expect(parseJsonLossless(text)).toEqual(expected);
  });
  it('throws on malformed JSON like JSON.parse', () => {
    expect(() => parseJsonLossless('{"a":3660207428038974464')).toThrow(SyntaxError);
  });
  it('tells unsafe integer tokens', () => {
    expect(isUnsafeIntegerText('9007199254740993')).toBe(true);
    expect(isUnsafeIntegerText('9007199254740991')).toBe(false);
    expect(isUnsafeIntegerText('1.5')).toBe(false);
  });
});
