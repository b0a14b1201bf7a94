// How bench/olist-outside.ts reads a public copy's rows back into Kaggle's form and checks them against the sample.
import { describe, expect, it } from 'vitest';
import { csvLine, differingFields, HEADERS, minuteTime, normaliseRow, tableOfFile, zipPrefix } from './olist-outside-rows.js';

describe('minuteTime', () => {
  it('reads the three ways copies write a time, at the minute', () => {
    expect(minuteTime('2017-10-02 10:56:33')).toBe('2017-10-02 10:56:00');
    expect(minuteTime('10/2/2017 10:56')).toBe('2017-10-02 10:56:00');
    expect(minuteTime('02-10-2017 10:56')).toBe('2017-10-02 10:56:00');
    expect(minuteTime('10/18/2017 0:00')).toBe('2017-10-18 00:00:00');
  });

  it('keeps an empty cell empty and refuses a time that is not one', () => {
    expect(minuteTime('  ')).toBe('');
    expect(minuteTime('13/2/2017 10:56')).toBeUndefined();
    expect(minuteTime('2017-02-30 10:00:00')).toBeUndefined();
    expect(minuteTime('yesterday')).toBeUndefined();
  });
});

describe('normaliseRow', () => {
  it('gives the header fields only, times at the minute and 5-digit zip prefixes', () => {
    const { row, badTimes } = normaliseRow('customers', { customer_id: 'c1', customer_zip_code_prefix: '9790', customer_state: 'SP', extra: 'x' });
    expect(Object.keys(row)).toEqual(HEADERS.customers);
    expect(row['customer_zip_code_prefix']).toBe('09790');
    expect(badTimes).toEqual([]);
    expect(normaliseRow('items', { order_id: 'o1', shipping_limit_date: '31/12/2017 10:00' }).badTimes).toEqual(['shipping_limit_date']);
  });
});

describe('differingFields', () => {
  const present = new Set(HEADERS.items);
  const sample = { order_id: 'o1', order_item_id: '1', product_id: 'p', seller_id: 's', shipping_limit_date: '2017-09-19 09:45:00', price: '58.90', freight_value: '13.29' };

  it('finds none where only the number format differs', () => {
    expect(differingFields('items', { ...sample, price: '58.9' }, sample, present)).toEqual({ filled: [], changed: [] });
  });

  it('tells a changed cell from a blank the copy filled in', () => {
    expect(differingFields('items', { ...sample, price: '68.8' }, sample, present).changed).toEqual(['price']);
    expect(differingFields('items', { ...sample, price: '' }, sample, present).changed).toEqual(['price']);
    expect(differingFields('items', sample, { ...sample, freight_value: '' }, present).filled).toEqual(['freight_value']);
  });

  it('says nothing of a column the copy lacks', () => {
    expect(differingFields('items', { ...sample, price: '' }, sample, new Set(['order_id', 'order_item_id']))).toEqual({ filled: [], changed: [] });
  });
});

describe('tableOfFile and csvLine', () => {
  it('knows the renamed files of the copies', () => {
    expect(tableOfFile('olistcustomerdataset.csv')).toBe('customers');
    expect(tableOfFile('olist_ customers_dataset.csv')).toBe('customers');
    expect(tableOfFile('orders_dataset.csv')).toBe('orders');
    expect(tableOfFile('olist_order_items_dataset.csv')).toBe('items');
    expect(tableOfFile('olist_order_reviews_dataset.csv')).toBeUndefined();
    expect(tableOfFile('olist_geolocation_dataset.csv')).toBeUndefined();
  });

  it('quotes only the cells that need it', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"'])).toBe('a,"b,c","say ""hi"""');
    expect(zipPrefix(' 1234 ')).toBe('01234');
  });
});
