import { describe, expect, it } from 'vitest';
import { Where } from './where.js';

describe('Where', () => {
  it('joins the conditions given, in order, with their values', () => {
    const w = new Where().when('state = ?', 'open').when('assignee = ?', undefined).anyOf('grade', ['A', 'B']).anyOf('level', []).add('opened_at < ?', 5);
    expect(`${w}`).toBe(' WHERE state = ? AND grade IN (?,?) AND opened_at < ?');
    expect(w.params).toEqual(['open', 'A', 'B', 5]);
  });

  it('is empty when nothing applies', () => {
    const w = new Where().when('a = ?', undefined).anyOf('b', undefined);
    expect(`${w}`).toBe('');
    expect(w.params).toEqual([]);
  });
});
