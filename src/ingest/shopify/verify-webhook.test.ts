import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyShopifyHmac } from './index.js';

const SECRET = 'shpss_test_secret';
const BODY = '{"id":820982911946154508,"note":"héllo 📦"}';
const GOOD = createHmac('sha256', SECRET).update(Buffer.from(BODY, 'utf8')).digest('base64');

describe('verifyShopifyHmac', () => {
  const cases: Array<{ name: string; body: Buffer | string; header: string | undefined; secret?: string; expected: boolean }> = [
    { name: 'valid header over a string body', body: BODY, header: GOOD, expected: true },
    { name: 'valid header over the raw bytes', body: Buffer.from(BODY, 'utf8'), header: GOOD, expected: true },
    { name: 'surrounding whitespace in the header is tolerated', body: BODY, header: ` ${GOOD} `, expected: true },
    { name: 'body changed by one byte', body: BODY.replace('508', '509'), header: GOOD, expected: false },
    { name: 're-serialised JSON differs from the raw body', body: JSON.stringify(JSON.parse(BODY)), header: GOOD, expected: false },
    { name: 'wrong secret', body: BODY, header: GOOD, secret: 'other', expected: false },
    { name: 'empty secret', body: BODY, header: GOOD, secret: '', expected: false },
    { name: 'missing header', body: BODY, header: undefined, expected: false },
    { name: 'empty header', body: BODY, header: '', expected: false },
    { name: 'hex digest instead of base64', body: BODY, header: createHmac('sha256', SECRET).update(BODY).digest('hex'), expected: false },
    { name: 'truncated base64', body: BODY, header: GOOD.slice(0, 20), expected: false },
    { name: 'garbage of the right length', body: BODY, header: `${'!'.repeat(43)}=`, expected: false },
  ];
  it.each(cases)('$name', ({ body, header, secret, expected }) => {
    expect(verifyShopifyHmac(body, header, secret ?? SECRET)).toBe(expected);
  });
});
