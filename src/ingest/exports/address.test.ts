import { describe, expect, it } from 'vitest';
import { parseAddressLine, type AddressParts } from './address.js';

describe('parseAddressLine', () => {
  const cases: { name: string; line: string; parts: AddressParts }[] = [
    {
      name: 'Taobao export with zip',
      line: '浙江省 杭州市 西湖区 文三路100号(310000)',
      parts: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号', zip: '310000' },
    },
    { name: 'run together', line: '浙江省杭州市西湖区文三路100号', parts: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号' } },
    {
      name: 'municipality twice, full-width brackets, spaces in detail',
      line: '上海 上海市 浦东新区 张江路88号 5号楼（200120）',
      parts: { province: '上海', city: '上海市', district: '浦东新区', detail: '张江路88号 5号楼', zip: '200120' },
    },
    { name: 'municipality once', line: '上海市浦东新区张江路88号', parts: { province: '上海市', city: '上海市', district: '浦东新区', detail: '张江路88号' } },
    { name: 'county-level city and township', line: '湖北省仙桃市干河街道仕林路1号', parts: { province: '湖北省', city: '仙桃市', town: '干河街道', detail: '仕林路1号' } },
    {
      name: 'autonomous region',
      line: '广西壮族自治区 南宁市 青秀区 民族大道1号',
      parts: { province: '广西壮族自治区', city: '南宁市', district: '青秀区', detail: '民族大道1号' },
    },
    { name: 'unknown zip 000000 and full-width spaces', line: '北京　北京市　朝阳区　建国路1号(000000)', parts: { province: '北京', city: '北京市', district: '朝阳区', detail: '建国路1号' } },
    { name: 'no province: all detail', line: '文三路100号', parts: { detail: '文三路100号' } },
    { name: 'empty', line: '  ', parts: {} },
  ];
  it.each(cases)('$name', ({ line, parts }) => {
    const got = parseAddressLine(line);
    expect(JSON.parse(JSON.stringify(got))).toEqual(parts);
  });
});
