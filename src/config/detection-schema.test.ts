import { describe, expect, it } from 'vitest';
import { ConfigError, parseSettings } from './load-settings.js';
import { DEFAULT_SETTINGS } from './settings.js';

function issuesOf(text: string): { path: string; message: string }[] {
  try {
    parseSettings(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the detection section', () => {
  it('defaults to the promise warning 48 h before 00:00 of the promised date and the ship-by warning 12 h before', () => {
    expect(DEFAULT_SETTINGS.detection).toEqual({ promiseWarning: { leadHours: 48, channels: {} }, shipByWarning: { leadHours: 12, channels: {} } });
  });

  it('reads leads per channel', () => {
    const s = parseSettings('detection:\n  promiseWarning:\n    leadHours: 36\n    channels: { jd: 24, olist: 72 }\n  shipByWarning:\n    channels: { douyin: 6 }\n', 'd.yaml');
    expect(s.detection).toEqual({ promiseWarning: { leadHours: 36, channels: { jd: 24, olist: 72 } }, shipByWarning: { leadHours: 12, channels: { douyin: 6 } } });
  });

  it('refuses unknown keys, channels and impossible leads, each with its path', () => {
    expect(issuesOf('detection:\n  promiseWarning:\n    leadHours: -1\n    channels: { amazon: 24 }\n  shipByWarning:\n    lead: 12\n')).toEqual([
      { path: 'detection.promiseWarning.leadHours', message: 'must be 0 or more hours' },
      { path: 'detection.promiseWarning.channels.amazon', message: 'is not a known setting' },
      { path: 'detection.shipByWarning.lead', message: 'is not a known setting' },
    ]);
    expect(issuesOf('detection:\n  promiseWarning:\n    leadHours: 400\n')).toEqual([{ path: 'detection.promiseWarning.leadHours', message: 'must be at most 336 hours' }]);
  });
});
