import { describe, expect, it } from 'vitest';
import { incidentTitle } from './incident-title.js';

describe('incidentTitle', () => {
  it('names a carrier in words whichever code the channel used', () => {
    expect(incidentTitle('carrier', '1499', 'logistics.exception', 12).zh).toMatch(/^中通快递：12 单/);
    expect(incidentTitle('carrier', 'ZTO', 'logistics.exception', 12).zh).toMatch(/^中通快递：12 单/);
    expect(incidentTitle('carrier', 'ZTO', 'logistics.exception', 12).en).toMatch(/^ZTO Express: 12 orders/);
  });
});
