import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../http-json.js';
import { nextPageInfo } from './shopify-connector.js';

describe('nextPageInfo', () => {
  it('reads the rel="next" page_info of a Link header with both links', () => {
    const link = '<https://s.myshopify.com/admin/api/2024-10/orders.json?page_info=PREV&limit=250>; rel="previous", <https://s.myshopify.com/admin/api/2024-10/orders.json?page_info=NEXT%3D&limit=250>; rel="next"';
    expect(nextPageInfo(link)).toBe('NEXT=');
  });
  it('is undefined on the last page', () => {
    expect(nextPageInfo('<https://s.myshopify.com/admin/api/2024-10/orders.json?page_info=PREV>; rel="previous"')).toBeUndefined();
    expect(nextPageInfo(null)).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds with decimals, an HTTP date, and falls back to one second', () => {
    expect(retryAfterMs('2.0')).toBe(2000);
    expect(retryAfterMs('Sun, 06 Dec 2026 10:00:05 GMT', Date.parse('2026-12-06T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs(null)).toBe(1000);
    expect(retryAfterMs('soon')).toBe(1000);
  });
});
