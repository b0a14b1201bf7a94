import { describe, expect, it } from 'vitest';
import { incidentTitle } from './incident-title.js';

describe('incidentTitle', () => {
  it('names a carrier in words whichever code the channel used', () => {
    expect(incidentTitle('carrier', '1499', ['logistics.exception'], 12).zh).toMatch(/^中通快递：12 单/);
    expect(incidentTitle('carrier', 'ZTO', ['logistics.exception'], 12).zh).toMatch(/^中通快递：12 单/);
    expect(incidentTitle('carrier', 'ZTO', ['logistics.exception'], 12).en).toMatch(/^ZTO Express: 12 orders/);
  });

  it('names every problem of a mixed incident without claiming one for all its orders', () => {
    expect(incidentTitle('batch', 'W-3', ['promise.breached'], 8)).toEqual({ zh: '批次 W-3：8 单已超承诺时效', en: 'Batch W-3: 8 orders promise breached' });
    expect(incidentTitle('batch', 'W-3', ['promise.breached', 'stage.stalled', 'promise.breached'], 8)).toEqual({
      zh: '批次 W-3：8 单异常（已超承诺时效、环节停滞）',
      en: 'Batch W-3: 8 orders with problems (promise breached, stage stalled)',
    });
    expect(incidentTitle('order', 'taobao:1', ['stage.stalled', 'promise.at_risk'], 1, '1').zh).toMatch(/^订单 1：环节停滞、/);
  });
});
