import { describe, expect, it } from 'vitest';
import { peopleOf } from './people.js';
import { addressOf, maskName, maskPhonesIn } from './privacy.js';

describe('personal data in reports', () => {
  it('masks names as consistently as phones', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('黎**')).toBe('黎**');
    expect(maskName('Li Lei')).toBe('L****');
    expect(maskName(undefined)).toBe('—');
  });

  it('shows the address down to the district and leaves the street out', () => {
    expect(addressOf({ province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号' })).toBe('浙江省 杭州市 西湖区（详细地址已隐去）');
    expect(addressOf({ detail: '和平路197号' })).toBe('（详细地址已隐去）');
    expect(addressOf({})).toBe('—');
  });

  it('masks a mobile number in free text but not the digits of an order number', () => {
    expect(maskPhonesIn('联系我 13912345678，订单 6942261201057754135')).toBe('联系我 139****5678，订单 6942261201057754135');
  });

  it("names people by their display names, the system as 系统, and knows who holds a role", () => {
    const people = peopleOf([
      { name: 'wang', role: 'ops_manager', displayName: '王强', createdAt: 0, disabled: false },
      { name: 'li', role: 'ops_manager', createdAt: 0, disabled: false },
      { name: 'old', role: 'ops_manager', displayName: '老张', createdAt: 0, disabled: true },
    ]);
    expect([people.name('wang'), people.name('li'), people.name('system'), people.name('ghost')]).toEqual(['王强', 'li', '系统', 'ghost']);
    expect(people.holders('ops_manager')).toEqual(['王强', 'li']);
  });
});
