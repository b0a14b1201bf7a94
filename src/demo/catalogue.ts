import { hash32 } from './prng.js';

/** Category is the demo's product family; it decides ship times, warehouses and exemptions. */
export type Category = 'fresh' | 'furniture' | 'mother_baby' | 'electronics' | 'cross_border' | 'home';

/** CATEGORY_NAMES_ZH are the Chinese category names merchants use. */
export const CATEGORY_NAMES_ZH: Readonly<Record<Category, string>> = {
  fresh: '生鲜',
  furniture: '家具',
  mother_baby: '母婴',
  electronics: '数码',
  cross_border: '跨境',
  home: '家电(厂家直发)',
};

/** Sku is one sellable item with what detection needs to know about it. */
export interface Sku {
  readonly code: string;
  readonly title: string;
  readonly category: Category;
  readonly priceFen: number;
  /** cold_chain, bulky, custom_made, cross_border, dropship, hot (the peak's best seller). */
  readonly attributes: readonly string[];
  /** Warehouses holding it; empty for drop-ship items sent by the factory. */
  readonly warehouses: readonly string[];
  /** Relative popularity within the whole catalogue. */
  readonly popularity: number;
  /** The platforms' numeric item and SKU ids (num_iid / wareId / product_id; sku_id). */
  readonly itemId: string;
  readonly skuId: string;
}

/** Warehouse is a stocking location with its city (carriers pick up there). */
export interface Warehouse {
  readonly code: string;
  readonly name: string;
  readonly province: string;
  readonly city: string;
}

/** WAREHOUSES are the demo business's warehouses: three regional ones and a bonded one. */
export const WAREHOUSES: readonly Warehouse[] = [
  { code: 'HZ-01', name: '杭州仓', province: '浙江省', city: '杭州市' },
  { code: 'GZ-01', name: '广州仓', province: '广东省', city: '广州市' },
  { code: 'CD-01', name: '成都仓', province: '四川省', city: '成都市' },
  { code: 'NB-01', name: '宁波保税仓', province: '浙江省', city: '宁波市' },
];

/** Carrier is an express company with its names on each platform and its waybill number format. */
export interface Carrier {
  readonly code: 'SF' | 'ZTO' | 'YTO' | 'JD' | 'YD';
  readonly name: string;
  /** Taobao's logistics_company text. */
  readonly taobaoName: string;
  /** JD's logisticsId for the carrier. */
  readonly jdLogisticsId: string;
  /** Douyin's logistics company code. */
  readonly douyinCode: string;
  /** trackingNo renders a waybill number around a unique 11-digit parcel number. */
  readonly trackingNo: (unique: string) => string;
}

/** CARRIERS are the express companies the demo ships with. */
export const CARRIERS: readonly Carrier[] = [
  { code: 'SF', name: '顺丰速运', taobaoName: '顺丰速运', jdLogisticsId: '467', douyinCode: 'shunfeng', trackingNo: (u) => `SF14${u}` },
  { code: 'ZTO', name: '中通快递', taobaoName: '中通快递', jdLogisticsId: '1499', douyinCode: 'zhongtong', trackingNo: (u) => `780${u}` },
  { code: 'YTO', name: '圆通速递', taobaoName: '圆通速递', jdLogisticsId: '463', douyinCode: 'yuantong', trackingNo: (u) => `YT70${u}` },
  { code: 'JD', name: '京东物流', taobaoName: '京东快递', jdLogisticsId: '2087', douyinCode: 'jd', trackingNo: (u) => `JDVA${u}` },
  { code: 'YD', name: '韵达快递', taobaoName: '韵达快递', jdLogisticsId: '1327', douyinCode: 'yunda', trackingNo: (u) => `4300${u}` },
];

/** carrierByCode finds a carrier; the code must be one of CARRIERS. */
export function carrierByCode(code: Carrier['code']): Carrier {
  const carrier = CARRIERS.find((c) => c.code === code);
  if (!carrier) throw new Error(`unknown carrier ${code}`);
  return carrier;
}

type Variant = readonly [suffix: string, spec: string, yuan: number];
type Product = readonly [base: string, title: string, variants: readonly Variant[]];

const REGIONAL = ['HZ-01', 'GZ-01', 'CD-01'] as const;

const FAMILIES: ReadonlyArray<{
  readonly category: Category;
  readonly share: number;
  readonly attributes: readonly string[];
  readonly warehouses: readonly string[];
  readonly products: readonly Product[];
}> = [
  {
    category: 'fresh', share: 0.18, attributes: ['cold_chain', 'perishable'], warehouses: REGIONAL,
    products: [
      ['FRESH-CHERRY', '智利车厘子 JJ级', [['1KG', '1kg', 109], ['2KG', '2kg', 199], ['5KG', '5kg 礼盒', 459]]],
      ['FRESH-CRAB', '阳澄湖大闸蟹 公4两母3两', [['8', '8只装', 398], ['10', '10只礼盒', 598]]],
      ['FRESH-SALMON', '挪威冰鲜三文鱼刺身', [['500G', '500g', 139], ['1KG', '1kg', 259]]],
      ['FRESH-STEAK', '澳洲原切西冷牛排', [['10P', '10片装', 199], ['20P', '20片装', 369]]],
      ['FRESH-STRAWB', '丹东99红颜草莓', [['3J', '3斤', 89], ['5J', '5斤', 139]]],
      ['FRESH-DURIAN', '泰国金枕榴莲', [['4J', '4-5斤', 229], ['6J', '6-7斤', 319]]],
      ['FRESH-KIWI', '佳沛阳光金果', [['22', '22粒', 139], ['33', '33粒', 199]]],
      ['FRESH-MANGO', '攀枝花凯特芒果', [['5J', '5斤', 49.9], ['10J', '10斤', 89.9]]],
      ['FRESH-SHRIMP', '厄瓜多尔白虾 大号', [['2KG', '2kg', 129]]],
      ['FRESH-EGG', '散养土鸡蛋', [['30', '30枚', 45.9]]],
      ['FRESH-BLUEBERRY', '云南高原蓝莓 18mm+', [['4B', '4盒装', 79.9], ['12B', '12盒装', 199]]],
      ['FRESH-ABALONE', '獐子岛鲜活鲍鱼', [['10', '10头 1斤', 99]]],
      ['FRESH-LAMB', '内蒙古羔羊肉卷', [['2KG', '2kg', 139]]],
      ['FRESH-ORANGE', '赣南脐橙', [['5J', '5斤', 39.9], ['10J', '10斤', 69.9]]],
    ],
  },
  {
    category: 'furniture', share: 0.05, attributes: ['bulky', 'custom_made'], warehouses: ['HZ-01'],
    products: [
      ['FURN-SOFA', '北欧科技布沙发', [['3S', '三人位', 3299], ['4S', '四人位', 3999], ['L', '转角贵妃位', 5299]]],
      ['FURN-BED', '北美黑胡桃实木床', [['150', '1.5m', 2599], ['180', '1.8m', 2899]]],
      ['FURN-WARDROBE', '推拉门定制衣柜', [['2D', '两门', 1899], ['4D', '四门', 3599]]],
      ['FURN-DINING', '岩板餐桌椅组合', [['4', '1.4m 一桌四椅', 2199], ['6', '1.6m 一桌六椅', 2899]]],
      ['FURN-TV', '极简悬浮电视柜', [['200', '2m', 999]]],
      ['FURN-DESK', '电动升降书桌', [['120', '1.2m', 1499], ['140', '1.4m', 1699]]],
      ['FURN-MATTRESS', '乳胶独袋弹簧床垫', [['150', '1.5m', 1899], ['180', '1.8m', 2199]]],
      ['FURN-BOOKCASE', '实木书架 五层', [['80', '0.8m', 899]]],
      ['FURN-CHAIR', '人体工学椅', [['STD', '标准版', 1299]]],
    ],
  },
  {
    category: 'mother_baby', share: 0.25, attributes: [], warehouses: REGIONAL,
    products: [
      ['BABY-DIAPER', '超薄透气纸尿裤', [['S', 'S码 84片', 129], ['M', 'M码 72片', 129], ['L', 'L码 62片', 139], ['XL', 'XL码 54片', 149]]],
      ['BABY-FORMULA', '婴儿配方奶粉 800g', [['1', '1段', 328], ['2', '2段', 318], ['3', '3段', 298]]],
      ['BABY-WIPES', '婴儿手口湿巾', [['80X10', '80抽×10包', 49.9]]],
      ['BABY-STROLLER', '高景观婴儿推车', [['HI', '高景观双向', 1299], ['LT', '轻便折叠', 599]]],
      ['BABY-BOTTLE', '宽口径PPSU奶瓶', [['240', '240ml', 139], ['300', '300ml', 149]]],
      ['BABY-CARSEAT', 'isofix儿童安全座椅', [['0-12', '0-12岁', 1599]]],
      ['BABY-RICE', '有机高铁婴儿米粉', [['1', '1段 225g', 68]]],
      ['BABY-PUZZLE', '早教磁力片积木', [['100', '100片', 89]]],
      ['BABY-WASH', '婴儿洗发沐浴二合一', [['400', '400ml', 59]]],
      ['BABY-PANTS', '拉拉裤 成长裤', [['L', 'L码 46片', 119], ['XL', 'XL码 40片', 119], ['XXL', 'XXL码 36片', 129]]],
      ['BABY-BIB', '婴儿硅胶围兜 2只装', [['STD', '2只装', 39]]],
      ['BABY-CRIB', '实木拼接婴儿床', [['STD', '120×65cm', 899]]],
      ['BABY-THERMO', '恒温调奶器', [['1.2L', '1.2L', 199]]],
      ['BABY-PILLOW', '新生儿定型枕', [['STD', '0-1岁', 79]]],
    ],
  },
  {
    category: 'electronics', share: 0.3, attributes: [], warehouses: REGIONAL,
    products: [
      ['ELEC-EARBUDS', '主动降噪真无线耳机 Pro', [['W', '白色', 1299], ['B', '黑色', 1299]]],
      ['ELEC-PHONE', '5G旗舰手机', [['8-256', '8+256G', 3999], ['12-256', '12+256G', 4499], ['12-512', '12+512G', 4999]]],
      ['ELEC-POWERBANK', '快充移动电源', [['10K', '10000mAh', 99], ['20K', '20000mAh', 149]]],
      ['ELEC-WATCH', '智能运动手表', [['STD', '标准版', 899], ['PRO', 'Pro版', 1299]]],
      ['ELEC-TABLET', '11英寸平板电脑', [['128', '128G', 2299], ['256', '256G', 2699]]],
      ['ELEC-CHARGER', '65W氮化镓充电器', [['65W', '65W', 129]]],
      ['ELEC-CABLE', '编织快充数据线', [['1M', '1m', 39], ['2M', '2m', 49]]],
      ['ELEC-KEYBOARD', '三模机械键盘', [['RED', '红轴', 399], ['BRN', '茶轴', 399]]],
      ['ELEC-MOUSE', '静音无线鼠标', [['STD', '标准版', 149]]],
      ['ELEC-SPEAKER', '便携蓝牙音箱', [['STD', '标准版', 299]]],
      ['ELEC-CAMERA', '防抖运动相机', [['STD', '标准套装', 2499]]],
      ['ELEC-EREADER', '墨水屏电子书阅读器', [['STD', '32G', 999]]],
      ['ELEC-SSD', '移动固态硬盘', [['1T', '1TB', 599], ['2T', '2TB', 999]]],
      ['ELEC-MONITOR', '27英寸4K显示器', [['27', '27英寸', 1899]]],
      ['ELEC-ROUTER', 'WiFi7 无线路由器', [['BE', 'BE6500', 599]]],
      ['ELEC-PROJECTOR', '家用智能投影仪', [['STD', '1080P', 2999]]],
      ['ELEC-GIMBAL', '手机稳定器', [['STD', '标准版', 699]]],
      ['ELEC-CASE', '磁吸手机壳', [['BLK', '黑色', 69], ['CLR', '透明', 59]]],
      ['ELEC-HUB', 'Type-C 扩展坞 8合1', [['8IN1', '8合1', 199]]],
    ],
  },
  {
    category: 'cross_border', share: 0.11, attributes: ['cross_border'], warehouses: ['NB-01'],
    products: [
      ['CB-A2MILK', '澳洲a2白金版婴儿奶粉 900g', [['1', '1段', 239], ['3', '3段', 219]]],
      ['CB-SWISSE', 'Swisse 钙+维生素D 150粒', [['150', '150粒', 139]]],
      ['CB-FISHOIL', 'Blackmores 深海鱼油 400粒', [['400', '400粒', 199]]],
      ['CB-SUNSCREEN', '资生堂安热沙防晒乳 60ml', [['60', '60ml', 169]]],
      ['CB-APTAMIL', '德国爱他美婴儿奶粉 800g', [['PRE', 'Pre段', 269], ['2', '2段', 259]]],
      ['CB-MANUKA', '新西兰麦卢卡蜂蜜 UMF10+ 500g', [['500', '500g', 389]]],
      ['CB-SERUM', '法国兰蔻小黑瓶精华 50ml', [['50', '50ml', 899]]],
      ['CB-MERRIES', '日本花王妙而舒纸尿裤', [['M', 'M码 64片', 109], ['L', 'L码 54片', 109]]],
      ['CB-VITC', 'Swisse 维生素C泡腾片', [['60', '60片', 89]]],
      ['CB-COLLAGEN', '日本胶原蛋白饮 10瓶', [['10', '10瓶', 259]]],
      ['CB-LIPSTICK', '迪奥烈艳蓝金唇膏', [['999', '999#', 359]]],
      ['CB-PROBIOTIC', '益生菌胶囊 30粒', [['30', '30粒', 199]]],
    ],
  },
  {
    category: 'home', share: 0.11, attributes: ['dropship'], warehouses: [],
    products: [
      ['HOME-ROBOT', '扫拖一体扫地机器人', [['STD', '自动集尘版', 2299]]],
      ['HOME-AIRFRYER', '可视空气炸锅 6L', [['6L', '6L', 399]]],
      ['HOME-BLENDER', '静音破壁机', [['STD', '1.75L', 699]]],
      ['HOME-MASSAGE', '全身按摩椅', [['STD', '豪华版', 6999]]],
      ['HOME-PURIFIER', 'RO反渗透净水器 800G', [['800G', '800G', 1999]]],
      ['HOME-TOOTHBRUSH', '声波电动牙刷', [['STD', '礼盒装', 299]]],
      ['HOME-HUMID', '无雾加湿器', [['4L', '4L', 199]]],
      ['HOME-DISHWASHER', '嵌入式洗碗机 13套', [['13', '13套', 3999]]],
      ['HOME-KETTLE', '恒温电热水壶', [['1.7L', '1.7L', 159]]],
      ['HOME-FAN', '空气循环扇', [['STD', '遥控款', 299]]],
      ['HOME-VACUUM', '无线手持吸尘器', [['STD', '标准版', 1299]]],
      ['HOME-RICE', 'IH电饭煲 4L', [['4L', '4L', 599]]],
    ],
  },
];

/** HOT_SKUS are the peak day's best sellers, stocked only in HZ-01, which the channels oversell. */
export const HOT_SKUS: readonly string[] = ['ELEC-EARBUDS-W', 'BABY-DIAPER-L', 'FRESH-CHERRY-2KG'];

function buildCatalogue(): Sku[] {
  const skus: Sku[] = [];
  for (const family of FAMILIES) {
    const variantCount = family.products.reduce((n, p) => n + p[2].length, 0);
    for (const [base, title, variants] of family.products) {
      for (const [suffix, spec, yuan] of variants) {
        const code = `${base}-${suffix}`;
        const h = hash32(code.length, ...[...code].map((c) => c.charCodeAt(0)));
        const hot = HOT_SKUS.includes(code);
        skus.push({
          code,
          title: `${title} ${spec}`,
          category: family.category,
          priceFen: Math.round(yuan * 100),
          attributes: hot ? [...family.attributes, 'hot'] : family.attributes,
          warehouses: hot ? ['HZ-01'] : family.warehouses,
          popularity: (family.share / variantCount) * (0.4 + (h % 1000) / 625) * (hot ? 3 : 1),
          itemId: String(600_000_000_000 + (h % 99_999_999_999)),
          skuId: String(4_000_000_000_000 + (hash32(h, 7) % 999_999_999_999)),
        });
      }
    }
  }
  return skus;
}

/** CATALOGUE is every SKU the demo business sells (about 120). */
export const CATALOGUE: readonly Sku[] = buildCatalogue();

/** skuByCode finds a SKU of the catalogue; the code must exist. */
export function skuByCode(code: string): Sku {
  const sku = CATALOGUE.find((s) => s.code === code);
  if (!sku) throw new Error(`unknown SKU ${code}`);
  return sku;
}

/** SHOP_NAMES are the business's shop names per channel. */
export const SHOP_NAMES = {
  taobao: '鲜品优选天猫旗舰店',
  jd: '鲜品优选京东旗舰店',
  douyin: '鲜品优选抖音小店',
  youzan: '鲜品优选官方商城',
} as const;
