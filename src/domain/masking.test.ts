import { describe, expect, it } from 'vitest';
import { DISCLOSURE, maskerFor, maskPhonesIn, SHARED_DOCUMENT } from './masking.js';
import { ROLES } from './role.js';

describe('maskPhonesIn', () => {
  const cases: Array<[string, string, string]> = [
    ['a plain mobile', '电话13655554444请尽快', '电话136****4444请尽快'],
    ['spaces between groups', '买家说打 136 5555 4444', '买家说打 136****4444'],
    ['dashes', 'tel: 136-5555-4444.', 'tel: 136****4444.'],
    ['+86 with a space', '+86 13655554444', '136****4444'],
    ['0086', '008613655554444', '136****4444'],
    ['fullwidth digits', '手机１３６５５５５４４４４', '手机136****4444'],
    ['followed by a floor number', '13655554444 5号楼', '136****4444 5号楼'],
    ['two numbers', '13655554444/13900001111', '136****4444/139****1111'],
    ['inside an URL-decoded query', '/api/v1/orders?q=136 5555 4444', '/api/v1/orders?q=136****4444'],
    ['two spaces between groups', '打 136  5555  4444', '打 136****4444'],
    ['spaced dashes', '136 - 5555 - 4444', '136****4444'],
    ['em and en dashes', '136—5555–4444', '136****4444'],
    ['slashes and underscores', '136/5555/4444 或 137_0000_1111', '136****4444 或 137****1111'],
    ['commas, fullwidth too', '136，5555，4444', '136****4444'],
    ['middle dots', '136·5555·4444', '136****4444'],
    ['a line break inside', '手机 136\n5555\n4444', '手机 136****4444'],
    ['zero-width spaces', '136\u200b5555\u200b4444', '136****4444'],
    ['+86 and brackets', '+86 (136) 5555 4444', '136****4444'],
    ['a landline with spaced dashes', '0571 - 8888 - 6666', '0571-****6666'],
    ['a date before a phone takes none of its digits', '11-12 13655554444', '11-12 136****4444'],
    ['a quantity before a phone is not joined to it', '共 1 件 13655554444', '共 1 件 136****4444'],
    ['a courier in a logistics line', '【杭州】派件员：张三 电话 15912345678，请保持电话畅通', '【杭州】派件员：张三 电话 159****5678，请保持电话畅通'],
    ['a landline with area code', '请拨打0571-88886666转8', '请拨打0571-****6666转8'],
    ['a Beijing landline in brackets', '(010)62345678', '010-****5678'],
    ['a virtual number keeps its extension', '13800000000-1234', '138****0000-1234'],
    ['a 19-digit order number is no phone', '订单 3660207428038974464', '订单 3660207428038974464'],
    ['a 12-digit number is no phone', '单号 731234567890', '单号 731234567890'],
    ['an ISO time is no phone', '2026-11-12T04:00:00.000Z', '2026-11-12T04:00:00.000Z'],
    ['a masked number stays', '138****5678', '138****5678'],
    ['an 11-digit number not starting 1[3-9]', '12345678901', '12345678901'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(maskPhonesIn(input)).toBe(expected);
  });
});

describe('maskerFor', () => {
  const order = {
    id: 'generic:13812345678',
    channelOrderId: '13812345678',
    customer: { id: '13812345678', nick: '小明 13812345678', tier: 'normal' },
    receiver: {
      name: '王小明',
      phone: { raw: '13812345678', kind: 'mobile', number: '13812345678', last4: '5678', prefix3: '138' },
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路100号 联系 13655554444',
    },
    buyerNote: '到了打 136 5555 4444',
    shipments: [{ trackingNo: 'SF13812345678' }],
  };

  it('shows everything to the roles that call customers', () => {
    for (const role of ['agent', 'supervisor', 'admin'] as const) expect(maskerFor(role).value(order)).toBe(order);
  });

  it('masks phones everywhere, names to an initial and the street for a manager', () => {
    const seen = maskerFor('ops_manager').value(order);
    expect(seen.receiver.phone).toEqual({ raw: '138****5678', kind: 'mobile', last4: '5678', prefix3: '138' });
    expect(seen.receiver.name).toBe('王**');
    expect(seen.receiver.detail).toBe('***');
    expect(seen.receiver.district).toBe('西湖区');
    expect(seen.customer.nick).toBe('小***');
    expect(seen.customer.id).toBe('138****5678');
    expect(seen.buyerNote).toBe('到了打 136****4444');
    // Identifiers are not free text: the order stays findable.
    expect(seen.id).toBe(order.id);
    expect(seen.channelOrderId).toBe(order.channelOrderId);
    expect(seen.shipments[0]!.trackingNo).toBe('SF13812345678');
  });

  it('lets the warehouse see the street, never a phone in it', () => {
    const seen = maskerFor('warehouse').value(order);
    expect(seen.receiver.detail).toBe('文三路100号 联系 136****4444');
    expect(seen.receiver.name).toBe('王**');
  });

  it('masks a fix-list case id that carries a phone', () => {
    expect(maskerFor('executive').value({ id: 'buyer|generic||2026-11-11|13812345678' }).id).toBe('buyer|generic||2026-11-11|138****5678');
  });

  it('withholds screenshots from an audience that sees phones masked', () => {
    const contact = { kind: 'contact', text: '见截图', attachments: [{ id: 'a1', filename: 'chat.png' }] };
    expect(maskerFor('warehouse').value(contact)).toEqual({ kind: 'contact', text: '见截图', attachments: [], withheldAttachments: 1 });
    expect(maskerFor('agent').value(contact)).toBe(contact);
  });

  it('leaves bytes and numbers alone', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const seen = maskerFor('warehouse').value({ bytes, paidFen: 13812345678, at: 1 });
    expect(seen.bytes).toBe(bytes);
    expect(seen.paidFen).toBe(13812345678);
  });

  it('gives every role a disclosure, and shared documents the least', () => {
    for (const role of ROLES) expect(DISCLOSURE[role]).toBeDefined();
    expect(SHARED_DOCUMENT).toEqual({ phone: 'masked', name: 'initial', address: 'district' });
    expect(maskerFor(SHARED_DOCUMENT).text('13812345678')).toBe('138****5678');
  });
});
