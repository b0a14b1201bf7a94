import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../files/lossless-json.js';
import { pddAdapter } from './index.js';

const RECEIVED = Date.parse('2026-12-01T00:00:00Z');

function sampleOrder(): Record<string, unknown> {
  const text = readFileSync(new URL('../samples/pdd-order-information-get.json', import.meta.url), 'utf8');
  const split = pddAdapter.split(parseJsonLossless(text));
  if (!split.ok) throw new Error(split.error.message);
  return split.records[0] as Record<string, unknown>;
}

describe('拼多多 receivers', () => {
  // The forms of 拼多多's field docs (`~…~` ciphertexts with `_mask` twins) on the real sample's order; not a real answer.
  it('reads the _mask fields and never a ciphertext once the receiver is encrypted', () => {
    const record = {
      ...sampleOrder(),
      receiver_name: '~AgAAAAKlYBsHkxyWUQDAtHhfxD3jOeK6iQxh9bMjZTY=~0pIj~1~~',
      receiver_phone: '~AgAAAAKlYBsIhYzYCQCvHMA1ITUgWmlNgeWZ2LDmm5A=~+7GVQ6hM~1~~',
      address: '~AgAAAAKlYBsGlZ8OXgC2p0WcAVtFb0p7NquOkd4xvQ0=~Mm3hXkH3UMkfXJLl9Ivg~1~~',
      receiver_name_mask: '展**',
      receiver_phone_mask: '1866716****',
      receiver_address_mask: '娄山关路***号****',
    };
    const result = pddAdapter.normalise(record, { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { receiver } = result.value.orders[0]!;
    expect(receiver).toMatchObject({ name: '展**', detail: '娄山关路***号****', phone: { kind: 'masked' } });
    expect(JSON.stringify(receiver)).not.toContain('~Ag');
  });

  it('reads the real sample: plain number while waiting to ship, yuan amounts, the promise to ship', () => {
    const result = pddAdapter.normalise(sampleOrder(), { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const order = result.value.orders[0]!;
    expect(order.receiver).toMatchObject({ name: '展护卫', province: '上海市', district: '长宁区', phone: { kind: 'mobile' } });
    expect(order.items).toEqual([expect.objectContaining({ sku: '51972265894', productId: '2525296157', quantity: 1, unitPriceFen: 1101 })]);
    expect(order.promisedShipBy).toBe(Date.parse('2018-09-02T10:42:33+08:00'));
  });
});
