/** Zone groups provinces by the warehouse that serves them and the transit distance. */
export type Zone = 'east' | 'south' | 'west';

/** Region is one real province / city / district with its division code and zip. */
export interface Region {
  readonly province: string;
  readonly city: string;
  readonly district: string;
  /** GB/T 2260 district code; the province and city codes are its prefixes. */
  readonly code: string;
  readonly zip: string;
  readonly zone: Zone;
  /** Far-off regions (Tibet, Xinjiang, Qinghai) take longer to reach. */
  readonly remote: boolean;
  /** Relative share of receivers, from the province's population. */
  readonly weight: number;
}

// province → [population in millions, zone]; the receivers follow population.
const PROVINCES: Readonly<Record<string, readonly [number, Zone]>> = {
  北京市: [22, 'east'], 天津市: [14, 'east'], 河北省: [74, 'east'], 山西省: [35, 'east'],
  内蒙古自治区: [24, 'east'], 辽宁省: [42, 'east'], 吉林省: [24, 'east'], 黑龙江省: [31, 'east'],
  上海市: [25, 'east'], 江苏省: [85, 'east'], 浙江省: [65, 'east'], 安徽省: [61, 'east'],
  福建省: [41, 'south'], 江西省: [45, 'south'], 山东省: [102, 'east'], 河南省: [99, 'east'],
  湖北省: [58, 'east'], 湖南省: [66, 'south'], 广东省: [126, 'south'], 广西壮族自治区: [50, 'south'],
  海南省: [10, 'south'], 重庆市: [32, 'west'], 四川省: [84, 'west'], 贵州省: [39, 'west'],
  云南省: [47, 'west'], 西藏自治区: [4, 'west'], 陕西省: [40, 'west'], 甘肃省: [25, 'west'],
  青海省: [6, 'west'], 宁夏回族自治区: [7, 'west'], 新疆维吾尔自治区: [26, 'west'],
};

const REMOTE = new Set(['西藏自治区', '新疆维吾尔自治区', '青海省']);

// province city district code zip
const TABLE = `
北京市 北京市 朝阳区 110105 100020|北京市 北京市 海淀区 110108 100080|北京市 北京市 丰台区 110106 100071
天津市 天津市 南开区 120104 300100|天津市 天津市 滨海新区 120116 300450
河北省 石家庄市 长安区 130102 050000|河北省 保定市 竞秀区 130602 071000|河北省 唐山市 路北区 130203 063000|河北省 廊坊市 广阳区 131003 065000
山西省 太原市 小店区 140105 030000|山西省 大同市 平城区 140213 037000
内蒙古自治区 呼和浩特市 新城区 150102 010050|内蒙古自治区 包头市 昆都仑区 150203 014010
辽宁省 沈阳市 和平区 210102 110001|辽宁省 大连市 沙河口区 210204 116021
吉林省 长春市 朝阳区 220104 130012|吉林省 吉林市 船营区 220204 132011
黑龙江省 哈尔滨市 南岗区 230103 150001|黑龙江省 大庆市 萨尔图区 230602 163001
上海市 上海市 浦东新区 310115 200120|上海市 上海市 徐汇区 310104 200030|上海市 上海市 闵行区 310112 201100
江苏省 南京市 鼓楼区 320106 210008|江苏省 苏州市 姑苏区 320508 215000|江苏省 无锡市 梁溪区 320213 214000|江苏省 徐州市 云龙区 320303 221000|江苏省 南通市 崇川区 320613 226001
浙江省 杭州市 西湖区 330106 310012|浙江省 杭州市 余杭区 330110 311100|浙江省 宁波市 鄞州区 330212 315100|浙江省 温州市 鹿城区 330302 325000|浙江省 金华市 义乌市 330782 322000|浙江省 绍兴市 越城区 330602 312000
安徽省 合肥市 蜀山区 340104 230031|安徽省 芜湖市 镜湖区 340202 241000
福建省 福州市 鼓楼区 350102 350001|福建省 厦门市 思明区 350203 361001|福建省 泉州市 丰泽区 350503 362000
江西省 南昌市 红谷滩区 360113 330038|江西省 赣州市 章贡区 360702 341000
山东省 济南市 历下区 370102 250014|山东省 青岛市 市南区 370202 266001|山东省 烟台市 芝罘区 370602 264000|山东省 潍坊市 奎文区 370705 261031|山东省 临沂市 兰山区 371302 276000
河南省 郑州市 金水区 410105 450000|河南省 洛阳市 涧西区 410305 471000|河南省 南阳市 卧龙区 411303 473000
湖北省 武汉市 洪山区 420111 430070|湖北省 武汉市 江汉区 420103 430015|湖北省 宜昌市 西陵区 420502 443000
湖南省 长沙市 岳麓区 430104 410006|湖南省 长沙市 天心区 430103 410004|湖南省 衡阳市 蒸湘区 430408 421001
广东省 广州市 天河区 440106 510630|广东省 广州市 番禺区 440113 511400|广东省 深圳市 南山区 440305 518052|广东省 深圳市 宝安区 440306 518101|广东省 佛山市 顺德区 440606 528300|广东省 汕头市 龙湖区 440507 515041|广东省 珠海市 香洲区 440402 519000
广西壮族自治区 南宁市 青秀区 450103 530022|广西壮族自治区 桂林市 七星区 450305 541004
海南省 海口市 龙华区 460106 570105|海南省 三亚市 吉阳区 460203 572000
重庆市 重庆市 渝北区 500112 401120|重庆市 重庆市 九龙坡区 500107 400050
四川省 成都市 武侯区 510107 610041|四川省 成都市 锦江区 510104 610021|四川省 绵阳市 涪城区 510703 621000|四川省 南充市 顺庆区 511302 637000
贵州省 贵阳市 观山湖区 520115 550081|贵州省 遵义市 汇川区 520303 563000
云南省 昆明市 五华区 530102 650032|云南省 大理白族自治州 大理市 532901 671000
西藏自治区 拉萨市 城关区 540102 850000
陕西省 西安市 雁塔区 610113 710061|陕西省 西安市 未央区 610112 710014|陕西省 宝鸡市 渭滨区 610302 721000
甘肃省 兰州市 城关区 620102 730030|甘肃省 天水市 秦州区 620502 741000
青海省 西宁市 城西区 630104 810001
宁夏回族自治区 银川市 兴庆区 640104 750001
新疆维吾尔自治区 乌鲁木齐市 天山区 650102 830002|新疆维吾尔自治区 喀什地区 喀什市 653101 844000`;

function buildRegions(): Region[] {
  const rows = TABLE.trim().split(/[|\n]/).map((row) => row.trim().split(' '));
  const perProvince = new Map<string, number>();
  for (const [province] of rows) perProvince.set(province ?? '', (perProvince.get(province ?? '') ?? 0) + 1);
  return rows.map(([province = '', city = '', district = '', code = '', zip = '']) => {
    const [population, zone] = PROVINCES[province] ?? [1, 'east'];
    return { province, city, district, code, zip, zone, remote: REMOTE.has(province), weight: population / (perProvince.get(province) ?? 1) };
  });
}

/** REGIONS are the receivers' real divisions, all 31 provincial divisions, weighted by population. */
export const REGIONS: readonly Region[] = buildRegions();

/** WAREHOUSE_OF_ZONE is the regional warehouse that serves a zone. */
export const WAREHOUSE_OF_ZONE: Readonly<Record<Zone, string>> = { east: 'HZ-01', south: 'GZ-01', west: 'CD-01' };

/** ZONE_OF_WAREHOUSE is the zone a warehouse stands in (the bonded warehouse is in the east). */
export const ZONE_OF_WAREHOUSE: Readonly<Record<string, Zone>> = { 'HZ-01': 'east', 'GZ-01': 'south', 'CD-01': 'west', 'NB-01': 'east' };
