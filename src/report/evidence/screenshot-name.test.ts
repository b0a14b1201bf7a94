import { describe, expect, it } from 'vitest';
import { screenshotName } from './order-sections.js';

describe('screenshotName', () => {
  it('keeps a short file name and never cuts a long one (an order number inside it must stay whole or absent)', () => {
    expect(screenshotName('chat-1.png', 0)).toBe('chat-1.png');
    expect(screenshotName('chat-E20261202114138379235617.png', 1)).toBe('截图 2');
  });
});
