// The arrangement data is read from chinese-days' JSON rather than through its
// isWorkday/getDayDetail functions: those parse and format dates with the
// machine's local timezone, so on a server running in UTC-5 `getDayDetail('2025-10-01')`
// answers for 2025-09-30. The JSON is the same State Council arrangement, keyed by
// "yyyy-MM-dd", and needs no timezone at all.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { Bilingual } from '../../domain/finding.js';

/** HolidayArrangement is one year-independent lookup of the State Council's holiday notices. */
interface HolidayArrangement {
  /** Rest days of a public holiday, by "yyyy-MM-dd": "National Day,国庆节,3". */
  readonly holidays: Readonly<Record<string, string>>;
  /** 调休 make-up workdays (usually a weekend day), by "yyyy-MM-dd", naming the holiday they pay for. */
  readonly workdays: Readonly<Record<string, string>>;
}

const ARRANGEMENT: HolidayArrangement = chineseDays;

/** OFFICIAL_YEARS are the years whose arrangement has been published and is in the data. */
const OFFICIAL_YEARS: ReadonlySet<number> = new Set(Object.keys(ARRANGEMENT.holidays).map((key) => Number(key.slice(0, 4))));

/** hasOfficialArrangement tells whether the State Council arrangement of a year is in the data. */
export function hasOfficialArrangement(year: number): boolean {
  return OFFICIAL_YEARS.has(year);
}

/** officialYears lists the years with published arrangements, ascending. */
export function officialYears(): readonly number[] {
  return [...OFFICIAL_YEARS].sort((a, b) => a - b);
}

function holidayOf(entry: string | undefined): Bilingual | undefined {
  if (entry === undefined) return undefined;
  const [en = '', zh = ''] = entry.split(',');
  return { zh, en };
}

/** officialHoliday is the public holiday a date is a rest day of, per the published arrangement. */
export function officialHoliday(dateKey: string): Bilingual | undefined {
  return holidayOf(ARRANGEMENT.holidays[dateKey]);
}

/** officialMakeUpWorkday is the holiday a 调休 make-up workday pays for, when the date is one. */
export function officialMakeUpWorkday(dateKey: string): Bilingual | undefined {
  return holidayOf(ARRANGEMENT.workdays[dateKey]);
}
