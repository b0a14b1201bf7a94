import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupKeysOf } from '../../domain/lookup-keys.js';
import { parseJsonLossless } from '../files/lossless-json.js';
import { kuaishouAdapter } from './index.js';

const RECEIVED = Date.parse('2026-12-01T00:00:00Z');

/** sampleOrder is the public sample's order record (see ../samples/SOURCES.md), to vary one part at a time. */
function sampleOrder(): Record<string, unknown> {
  const text = readFileSync(new URL('../samples/kuaishou-order-detail.json', import.meta.url), 'utf8');
  const split = kuaishouAdapter.split(parseJsonLossless(text));
  if (!split.ok) throw new Error(split.error.message);
  return split.records[0] as Record<string, unknown>;
}

describe('快手 receivers', () => {
  it('keeps the encrypted* fields out of the name, phone and address when nothing masked came', () => {
    const record = sampleOrder();
    const address = { ...(record['orderAddress'] as Record<string, unknown>) };
    for (const field of ['desensitiseConsignee', 'desensitiseMobile', 'desensitiseAddress']) delete address[field];
    const result = kuaishouAdapter.normalise({ ...record, orderAddress: address }, { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { receiver } = result.value.orders[0]!;
    // 快手's tokens carry an "&" between two base64 parts: encrypted by their field's name, not by their shape.
    expect(receiver.name).toBeUndefined();
    expect(receiver.detail).toBeUndefined();
    expect(receiver.phone?.kind).toBe('encrypted');
    expect(receiver.encrypted).toEqual(['name', 'phone', 'detail']);
    expect(JSON.stringify({ raw: receiver.phone?.raw, keys: lookupKeysOf(result.value.orders[0]!) })).not.toContain('Ci1tZXJj');
  });

  it('reads the masked forms when they came with the ciphertexts', () => {
    const result = kuaishouAdapter.normalise(sampleOrder(), { receivedAt: RECEIVED });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { receiver } = result.value.orders[0]!;
    expect(receiver).toMatchObject({ name: '王**', detail: '文三路**号', phone: { kind: 'masked' } });
    expect(receiver.encrypted).toBeUndefined();
  });
});
