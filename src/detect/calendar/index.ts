export { chineseBusinessCalendar, type BusinessCalendar, type BusinessCalendarOptions } from './business-calendar.js';
export { calendarCoverage, calendarCoverageNotice, type CalendarCoverage, type CalendarDay } from './calendar-day.js';
export { officialYears } from './holiday-data.js';
export { localDayOf, localDayStart, localDateKey, localDateParts, localDayFromParts, daysInMonth, weekdayOf, type LocalDay, type LocalDateParts } from './local-day.js';
export { DEFAULT_WAREHOUSE_HOURS, type WarehouseHours } from './warehouse-hours.js';
