import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../config/settings.js';
import { parseSettings } from '../../config/load-settings.js';
import { leadHoursOf, timeCheckSettingsOf } from './time-check-settings.js';

describe('the time checks read their leads from the detection section', () => {
  it('by default: 48 h before 00:00 of the promised date, 12 h before the latest ship time', () => {
    const time = timeCheckSettingsOf(DEFAULT_SETTINGS.detection);
    expect(leadHoursOf(time, 'taobao', 'delivery')).toBe(48);
    expect(leadHoursOf(time, 'taobao', 'ship')).toBe(12);
  });

  it('per channel, each kind of promise on its own', () => {
    const s = parseSettings('detection:\n  promiseWarning:\n    leadHours: 36\n    channels: { jd: 24, olist: 72 }\n  shipByWarning:\n    channels: { douyin: 6, jd: 8 }\n', 'd.yaml');
    const time = timeCheckSettingsOf(s.detection);
    expect(leadHoursOf(time, 'jd', 'delivery')).toBe(24);
    expect(leadHoursOf(time, 'olist', 'delivery')).toBe(72);
    expect(leadHoursOf(time, 'taobao', 'delivery')).toBe(36);
    expect(leadHoursOf(time, 'douyin', 'ship')).toBe(6);
    expect(leadHoursOf(time, 'jd', 'ship')).toBe(8);
    expect(leadHoursOf(time, 'olist', 'ship')).toBe(12);
  });
});
