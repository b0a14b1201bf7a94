import { describe, expect, it } from 'vitest';
import { durationStats, type IncidentTiming } from './incident-timings.js';

const H = 3_600_000;
const t = (id: string, over: Partial<IncidentTiming> = {}): IncidentTiming => ({ id, openedAt: 0, grade: 'B', state: 'open', ...over });

describe('durationStats: every incident of the period, still-running ones counted as running', () => {
  it('is empty without incidents', () => {
    expect(durationStats([], 'acknowledge', 10 * H)).toMatchObject({ n: 0, medianMs: null, p90Ms: null, onTimeShare: null });
  });

  it('a mean of the few that finished would say 1 hour; the median of all says at least 10', () => {
    // Two acknowledged within the hour, eight still waiting after ten hours.
    const timings = [t('a', { acknowledgedAt: H / 2 }), t('b', { acknowledgedAt: H }), ...Array.from({ length: 8 }, (_, i) => t(`w${i}`))];
    const s = durationStats(timings, 'acknowledge', 10 * H);
    expect(s).toMatchObject({ n: 10, done: 2, running: 8, medianMs: 10 * H, medianAtLeast: true, p90Ms: 10 * H, p90AtLeast: true });
  });

  it('is exact where no running incident sits at or below the rank', () => {
    const timings = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((h) => t(`d${h}`, { acknowledgedAt: h * H })).concat([t('w')]);
    const s = durationStats(timings, 'acknowledge', 20 * H);
    expect(s).toMatchObject({ n: 10, medianMs: 5 * H, medianAtLeast: false, p90Ms: 9 * H, p90AtLeast: false });
  });

  it('counts on time, late (done late, or running past the deadline) and not yet decided', () => {
    const timings = [
      t('on-time', { responseDeadline: H, acknowledgedAt: H / 2 }),
      t('late', { responseDeadline: H, acknowledgedAt: 2 * H }),
      t('running-late', { responseDeadline: H }),
      t('running-in-time', { responseDeadline: 20 * H }),
      t('no-deadline', { acknowledgedAt: H }),
    ];
    expect(durationStats(timings, 'acknowledge', 10 * H)).toMatchObject({ n: 5, deadlines: 4, onTime: 1, late: 2, undecided: 1, onTimeShare: 1 / 3 });
  });

  it('leaves out of the time to acknowledge an incident that ended before anybody took it on', () => {
    const timings = [t('auto', { resolvedAt: H }), t('taken', { acknowledgedAt: 2 * H, resolvedAt: 3 * H })];
    expect(durationStats(timings, 'acknowledge', 10 * H)).toMatchObject({ n: 1, excluded: 1, medianMs: 2 * H });
    expect(durationStats(timings, 'resolve', 10 * H)).toMatchObject({ n: 2, excluded: 0, medianMs: H, p90Ms: 3 * H });
  });
});
