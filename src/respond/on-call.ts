import type { Grade, Level, Weekday } from '../config/policy/policy-vocabulary.js';
import { WEEKDAYS } from '../config/policy/policy-vocabulary.js';
import { localTimeMs } from '../config/policy/value-schemas.js';
import { localDayFromParts, localDayOf, localDayStart, weekdayOf } from '../detect/calendar/index.js';
import type { Role } from '../domain/role.js';
import { DAY_MS, type Instant } from '../domain/time.js';
import type { ResponsePolicy } from './policy.js';

type OnCallPolicy = Pick<ResponsePolicy, 'onCall'>;

/** WakeRequest is a notification that may need a person at night: for which role, how serious, when. */
export interface WakeRequest {
  readonly role: Role;
  readonly level: Level;
  readonly grade: Grade;
  readonly at: Instant;
}

function timeOfDay(at: Instant): number {
  return at - localDayStart(localDayOf(at));
}

/** isQuietHours tells whether `at` falls in the quiet hours (Asia/Shanghai; a window may run over midnight). */
export function isQuietHours(policy: OnCallPolicy, at: Instant): boolean {
  const q = policy.onCall.quietHours;
  if (!q.enabled) return false;
  const [start, end, t] = [localTimeMs(q.start), localTimeMs(q.end), timeOfDay(at)];
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/** mayWake tells whether an incident of this level and grade may wake people during the quiet hours. */
export function mayWake(policy: OnCallPolicy, level: Level, grade: Grade): boolean {
  const q = policy.onCall.quietHours;
  return level >= q.wakeMinLevel || q.wakeGrades.includes(grade);
}

/**
 * deferUntil is when a notification may go out: `at` itself, unless `at` is
 * in the quiet hours and the incident may not wake people, then the end of
 * the quiet hours.
 */
export function deferUntil(policy: OnCallPolicy, request: Omit<WakeRequest, 'role'>): Instant {
  const { at } = request;
  if (!isQuietHours(policy, at) || mayWake(policy, request.level, request.grade)) return at;
  const end = localDayStart(localDayOf(at)) + localTimeMs(policy.onCall.quietHours.end);
  return end > at ? end : end + DAY_MS;
}

function onShift(days: readonly Weekday[], from: string, to: string, at: Instant): boolean {
  const day = localDayOf(at);
  const t = timeOfDay(at);
  const [start, end] = [localTimeMs(from), localTimeMs(to)];
  const worksOn = (d: number): boolean => days.includes(WEEKDAYS[weekdayOf(d)] as Weekday);
  if (start < end) return worksOn(day) && t >= start && t < end;
  // Overnight: the shift belongs to the day it starts on.
  return (worksOn(day) && t >= start) || (worksOn(day - 1) && t < end);
}

function onRotation(rotation: { readonly users: readonly string[]; readonly startsOn: string; readonly handoverAt: string; readonly lengthDays: number }, at: Instant): string | undefined {
  const [y, m, d] = rotation.startsOn.split('-').map(Number) as [number, number, number];
  const startDay = localDayFromParts(y, m, d);
  if (startDay === undefined) return undefined;
  const start = localDayStart(startDay) + localTimeMs(rotation.handoverAt);
  const turn = Math.floor((at - start) / (rotation.lengthDays * DAY_MS));
  const n = rotation.users.length;
  return rotation.users[((turn % n) + n) % n];
}

/** onCallUsers lists who is on call for a role at `at` under every schedule of that role (none when the role has no schedule). */
export function onCallUsers(policy: OnCallPolicy, role: Role, at: Instant): readonly string[] {
  const users = new Set<string>();
  for (const schedule of policy.onCall.schedules) {
    if (schedule.role !== role) continue;
    if (schedule.rotation) {
      const user = onRotation(schedule.rotation, at);
      if (user !== undefined) users.add(user);
    }
    for (const shift of schedule.shifts ?? []) if (onShift(shift.days, shift.from, shift.to, at)) for (const u of shift.users) users.add(u);
  }
  return [...users];
}

/**
 * whoToWake lists the people to alert personally for a notification: the
 * role's on-call users, or nobody when the quiet hours hold it back (see
 * deferUntil for when to try again). An empty list with no quiet hours means
 * the role has no schedule: its receivers (routes) carry the message.
 */
export function whoToWake(policy: OnCallPolicy, request: WakeRequest): readonly string[] {
  if (deferUntil(policy, request) > request.at) return [];
  return onCallUsers(policy, request.role, request.at);
}
