import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import { DEFAULT_PLAYBOOKS, DEFAULT_POLICY, DEFAULT_TEMPLATES, checklistOf, playbookOf, policyOf } from './index.js';

describe('playbooks', () => {
  it('ship a checklist for every grade and level, and one for each playbook the default rules name', () => {
    for (const id of ['grade-a', 'grade-b', 'grade-c', 'grade-d', 'level-1', 'level-2', 'level-3']) expect(DEFAULT_PLAYBOOKS, id).toHaveProperty(id);
    for (const rule of DEFAULT_POLICY.grading.rules) expect(playbookOf(DEFAULT_POLICY, rule.then.playbook), rule.name).toBeDefined();
  });

  it('cover the steps SPEC C6 / C7 names', () => {
    const kinds = (id: string) => checklistOf(DEFAULT_POLICY, id).map((s) => s.kind);
    expect(kinds('grade-a')).toEqual(expect.arrayContaining(['call', 'coupon', 'sms']));
    expect(kinds('grade-b')).toContain('call');
    expect(kinds('grade-c')).toContain('sms');
    expect(kinds('level-1')).toEqual(expect.arrayContaining(['call', 'coupon']));
    expect(kinds('level-2')).toEqual(expect.arrayContaining(['warehouse_priority', 'group_notice', 'recall_shipment']));
    expect(kinds('level-3')).toEqual(expect.arrayContaining(['meeting', 'announcement']));
  });

  it('start a checklist with every step open, bilingual, with its template', () => {
    expect(checklistOf(DEFAULT_POLICY, 'grade-c')).toEqual([
      { id: 'comfort-sms', kind: 'sms', label: { zh: '当日发送安抚短信', en: 'Send a comfort SMS the same day' }, template: 'comfort', done: false },
      { id: 'follow', kind: 'check', label: { zh: '跟踪订单直到恢复流转', en: 'Follow the order until it moves again' }, done: false },
    ]);
  });

  it('name only templates that exist', () => {
    for (const [id, playbook] of Object.entries(DEFAULT_PLAYBOOKS)) {
      for (const item of playbook.items) if (item.template !== undefined) expect(DEFAULT_TEMPLATES, `${id}/${item.id}`).toHaveProperty(item.template);
    }
  });

  it('take the file playbooks over the shipped ones of the same id', () => {
    const policy = policyOf(parseSettings('playbooks:\n  grade-c: { title: { zh: 丙, en: C }, items: [{ id: wechat, kind: check, zh: 企业微信联系, en: WeCom the customer }] }\n', 'p.yaml'));
    expect(checklistOf(policy, 'grade-c').map((s) => s.id)).toEqual(['wechat']);
    expect(checklistOf(policy, 'grade-a')).toEqual(checklistOf(DEFAULT_POLICY, 'grade-a'));
    expect(() => checklistOf(policy, 'nope')).toThrow(/no playbook "nope"/);
  });
});
