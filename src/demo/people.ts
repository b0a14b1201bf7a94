import type { CustomerTier } from '../domain/order.js';
import { Rng, WeightedTable, hash32 } from './prng.js';
import { REGIONS, type Region } from './regions.js';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文杰晨宇浩然子涵欣怡梓轩雨桐思远佳琪俊熙嘉怡一诺梦瑶晓东海燕志强春梅秋菊冬雪小龙天佑'];
const NICK_HEAD = ['快乐的', '爱吃', '安静的', '小', '大大的', '追风的', '温柔的', '努力的', '会飞的', '懒懒的'];
const NICK_TAIL = ['小鱼', '草莓', '猫咪', '橙子', '兔子', '柠檬', '星星', '奶茶', '团子', '饭团', '考拉', '麦兜'];
const ROADS = ['人民路', '解放路', '中山路', '建设路', '和平路', '文化路', '新华路', '长江路', '黄河路', '学院路', '文三路', '天目山路', '滨江大道', '科技大道', '迎宾大道', '青年路', '朝阳路', '光明街', '幸福街', '府前街'];
const COMMUNITIES = ['阳光花园', '翠苑小区', '金色家园', '碧桂园', '万科城', '绿城桂花园', '保利香槟国际', '恒大名都', '世纪新城', '锦绣江南', '华润城', '龙湖天街小区', '融创壹号院', '东方明珠苑'];
const TOWERS = ['国贸', '汇金', '创业', '世贸', '环球中心', '华润'];
const TOWN_ROOTS = ['城关', '新华', '人民', '东湖', '南湖', '北山', '城南', '城北', '西溪', '文新', '翠苑', '古荡', '龙华', '金桥', '长安'];
const LANDMARKS = ['万达广场', '人民医院', '第一中学', '火车站', '地铁站', '沃尔玛', '市政府', '汽车站', '体育馆'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const REGION_TABLE = new WeightedTable(REGIONS, (r) => r.weight);

/** DemoCustomer is a buyer of the demo business: the same id always gives the same person. */
export interface DemoCustomer {
  readonly id: string;
  readonly nick: string;
  readonly tier: CustomerTier;
  readonly name: string;
  readonly mobile: string;
  readonly region: Region;
  /** The 街道 / 乡镇 level below the district (Douyin's `street`, Taobao's `receiver_town`). */
  readonly town: string;
  readonly detail: string;
}

/** customerTier decides a customer's tier from their number alone: about 8 % VIP, 62 % regular, 30 % new. */
export function customerTier(seed: number, index: number): CustomerTier {
  const u = hash32(seed, index, 0x7132) / 4294967296;
  return u < 0.08 ? 'vip' : u < 0.7 ? 'regular' : 'new';
}

/** customerAt builds customer number `index` of the business deterministically from the seed. */
export function customerAt(seed: number, index: number): DemoCustomer {
  const rng = new Rng(hash32(seed, index, 0xc05));
  const name = personName(rng);
  return {
    id: `C${String(index).padStart(8, '0')}`,
    nick: rng.chance(0.4) ? `tb${rng.digits(10)}` : `${rng.pick(NICK_HEAD)}${rng.pick(NICK_TAIL)}${rng.chance(0.5) ? rng.int(1, 999) : ''}`,
    tier: customerTier(seed, index),
    name,
    mobile: mobileNumber(rng),
    region: REGION_TABLE.draw(rng),
    town: `${rng.pick(TOWN_ROOTS)}街道`,
    detail: detailAddress(rng),
  };
}

/** personName draws a Chinese name: surname plus one or two given characters. */
export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : '');
}

/** mobileNumber draws a valid mainland mobile number. */
export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** detailAddress draws a complete street address: road, number, building, room. */
export function detailAddress(rng: Rng): string {
  const road = `${rng.pick(ROADS)}${rng.int(1, 999)}号`;
  const room = `${rng.int(1, 32)}0${rng.int(1, 6)}室`;
  switch (rng.int(0, 3)) {
    case 0:
      return `${road}${rng.pick(COMMUNITIES)}${rng.int(1, 30)}栋${rng.int(1, 4)}单元${room}`;
    case 1:
      return `${road}${rng.int(1, 20)}幢${room}`;
    case 2:
      return `${road}${rng.pick(TOWERS)}大厦${rng.int(2, 40)}层${rng.int(1, 20)}0${rng.int(1, 9)}室`;
    default:
      return `${rng.pick(COMMUNITIES)}${rng.int(1, 30)}幢${rng.int(1, 3)}单元${room}`;
  }
}

/** vagueAddress draws a landmark-only detail a courier cannot deliver to (小区门口, 附近, 对面, 旁边, 驿站). */
export function vagueAddress(rng: Rng): string {
  return rng.pick([
    `${rng.pick(COMMUNITIES)}小区门口`,
    `${rng.pick(LANDMARKS)}附近`,
    `${rng.pick(LANDMARKS)}对面`,
    `${rng.pick(LANDMARKS)}旁边`,
    '菜鸟驿站',
    `${rng.pick(COMMUNITIES)}菜鸟驿站`,
  ]);
}

/** maskMobile hides the middle four digits the way the platforms do: 138****5678. */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
}

/** virtualMobile draws a platform privacy number with its extension: 17012345678-1234. */
export function virtualMobile(rng: Rng): string {
  return `${rng.pick(['170', '171', '165'])}${rng.digits(8)}-${rng.digits(4)}`;
}

/** invalidPhone spoils a mobile number the ways people mistype them: 10 or 12 digits, a 12 prefix, letters. */
export function invalidPhone(rng: Rng, mobile: string): string {
  switch (rng.int(0, 3)) {
    case 0:
      return mobile.slice(0, 10);
    case 1:
      return `${mobile}${rng.int(0, 9)}`;
    case 2:
      return `12${mobile.slice(2)}`;
    default:
      return `${mobile.slice(0, 4)}abc${mobile.slice(7)}`;
  }
}

/** encryptedToken draws an opaque encrypted-field token like Douyin's encrypt_post_tel. */
export function encryptedToken(rng: Rng, length = 44): string {
  let out = '';
  for (let i = 0; i < length; i++) out += TOKEN_CHARS[rng.int(0, TOKEN_CHARS.length - 1)];
  return `#${out}#1##`;
}

/** PLACEHOLDER_NAMES are the receiver names staff type into test and "hold a slot" orders. */
export const PLACEHOLDER_NAMES: readonly string[] = ['测试', 'test', '测试一下', '张三测试', 'TEST'];
/** PLACEHOLDER_DETAILS are the addresses typed into such orders. */
export const PLACEHOLDER_DETAILS: readonly string[] = ['测试地址', '测试测试123', 'test address', '不要发货测试单'];
