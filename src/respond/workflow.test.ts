import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/load-settings.js';
import type { Role } from '../domain/role.js';
import { allowedActions, applyAction, isPaused, policyOf, type IncidentAction, type WorkflowIncident, type WorkflowResult } from './index.js';

const open: WorkflowIncident = { state: 'open', level: 1, ownerRole: 'agent', escalations: 0 };
const resolved = (level: 1 | 2 | 3): WorkflowIncident => ({ state: 'resolved', level, ownerRole: 'agent', escalations: 0 });
const rootCause = { class: 'external', subCause: 'courier_delay' } as const;

function ok(result: WorkflowResult): WorkflowIncident {
  if (!result.ok) throw new Error(`refused: ${result.error.message.en}`);
  return result.incident;
}

describe('the life of an incident', () => {
  it('goes open → acknowledged → in_progress → resolved → closed → reviewed, each step audited as from/to', () => {
    const steps: [IncidentAction, Role][] = [
      [{ type: 'acknowledge' }, 'agent'],
      [{ type: 'start' }, 'agent'],
      [{ type: 'resolve' }, 'agent'],
      [{ type: 'close', rootCause }, 'agent'],
      [{ type: 'review' }, 'supervisor'],
    ];
    let incident = open;
    const trail: string[] = [];
    for (const [action, role] of steps) {
      const r = applyAction(incident, action, role);
      if (!r.ok) throw new Error(r.error.message.en);
      trail.push(`${r.from}→${r.to}`);
      incident = r.incident;
    }
    expect(trail).toEqual(['open→acknowledged', 'acknowledged→in_progress', 'in_progress→resolved', 'resolved→closed', 'closed→reviewed']);
    expect(incident.rootCause).toEqual(rootCause);
  });

  it.each([
    { name: 'close before resolving', incident: open, action: { type: 'close', rootCause }, role: 'agent', code: 'wrong_state', en: 'cannot close an incident that is open', zh: '事件处于"待响应"状态，不能关闭' },
    { name: 'close without a root cause', incident: resolved(1), action: { type: 'close' }, role: 'agent', code: 'root_cause_required', en: 'closing needs a root cause (system / human / external + sub-cause)', zh: '关闭事件前必须填写根因（系统/人为/外部 + 子原因）' },
    {
      name: 'close with a sub-cause of another class',
      incident: resolved(1),
      action: { type: 'close', rootCause: { class: 'system', subCause: 'courier_delay' } },
      role: 'agent',
      code: 'bad_root_cause',
      en: '"courier_delay" is not a sub-cause of system (expected one of stock_sync_failure, erp_failure, rule_false_positive, integration_failure, misconfiguration)',
      zh: '"courier_delay"不是系统原因的子原因（可选：库存同步失败、ERP故障、规则误报、接口故障、配置错误）',
    },
    { name: 'an agent closes a level-3 incident', incident: resolved(3), action: { type: 'close', rootCause }, role: 'agent', code: 'forbidden', en: 'the agent role may not close a level-3 incident', zh: '客服角色无权关闭3级事件' },
    { name: 'a supervisor closes a level-3 incident', incident: resolved(3), action: { type: 'close', rootCause }, role: 'supervisor', code: 'forbidden', en: 'the supervisor role may not close a level-3 incident', zh: '客服主管角色无权关闭3级事件' },
    { name: 'an agent closes a level-2 incident', incident: resolved(2), action: { type: 'close', rootCause }, role: 'agent', code: 'forbidden', en: 'the agent role may not close a level-2 incident', zh: '客服角色无权关闭2级事件' },
    { name: 'an agent pauses automation', incident: open, action: { type: 'pause', by: 'xiaoliu', reason: '客户来电', at: 0 }, role: 'agent', code: 'forbidden', en: 'the agent role may not pause', zh: '客服角色无权暂停该事件' },
    { name: 'a machine token acknowledges', incident: open, action: { type: 'acknowledge' }, role: 'integration', code: 'forbidden', en: 'the integration role may not acknowledge', zh: '系统集成角色无权确认该事件' },
    { name: 'acknowledge twice', incident: { ...open, state: 'acknowledged' }, action: { type: 'acknowledge' }, role: 'agent', code: 'wrong_state', en: 'cannot acknowledge an incident that is acknowledged', zh: '事件处于"已确认"状态，不能确认' },
    { name: 'review before closing', incident: resolved(1), action: { type: 'review' }, role: 'supervisor', code: 'wrong_state', en: 'cannot review an incident that is resolved', zh: '事件处于"已解决"状态，不能复盘' },
    { name: 'escalate past the top', incident: { ...open, ownerRole: 'executive' }, action: { type: 'escalate' }, role: 'executive', code: 'top_of_chain', en: 'executive is the top of the escalation chain', zh: '已是最高升级层级' },
    { name: 'resume what is not paused', incident: open, action: { type: 'resume' }, role: 'supervisor', code: 'not_paused', en: 'the incident is not paused', zh: '事件未暂停' },
    { name: 'assign nobody', incident: open, action: { type: 'assign', assignee: ' ' }, role: 'supervisor', code: 'bad_assignee', en: 'name the person to assign', zh: '请指定处理人' },
  ] as const)('refuses to $name', ({ incident, action, role, code, en, zh }) => {
    const r = applyAction(incident, action, role);
    expect(r).toEqual({ ok: false, error: { code, action: action.type, message: { zh, en } } });
  });

  it('lets the operations manager close a level-3 incident with a false-alarm cause', () => {
    const closed = ok(applyAction(resolved(3), { type: 'close', rootCause: { class: 'not_abnormal', subCause: 'legitimate_delay', note: '预售' } }, 'ops_manager'));
    expect(closed).toMatchObject({ state: 'closed', rootCause: { class: 'not_abnormal', subCause: 'legitimate_delay', note: '预售' } });
  });

  it('pauses and resumes automation; a pause with an end expires', () => {
    const paused = ok(applyAction(open, { type: 'pause', by: 'zhang', reason: '主管接管', at: 1000, until: 5000 }, 'supervisor'));
    expect(paused.pause).toEqual({ by: 'zhang', reason: '主管接管', at: 1000, until: 5000 });
    expect(isPaused(paused, 4999)).toBe(true);
    expect(isPaused(paused, 5000)).toBe(false);
    expect(applyAction(paused, { type: 'pause', by: 'li', reason: 'x', at: 2000 }, 'supervisor')).toMatchObject({ ok: false, error: { code: 'already_paused' } });
    expect(ok(applyAction(paused, { type: 'pause', by: 'li', reason: 'again', at: 6000 }, 'supervisor')).pause?.by).toBe('li');
    const resumed = ok(applyAction(paused, { type: 'resume' }, 'ops_manager'));
    expect(resumed.pause).toBeUndefined();
    expect(isPaused(resumed, 2000)).toBe(false);
  });

  it('escalates by hand along the chain, and assigns', () => {
    const up = ok(applyAction(open, { type: 'escalate' }, 'agent'));
    expect(up).toMatchObject({ ownerRole: 'supervisor', escalations: 1, state: 'open' });
    expect(ok(applyAction(up, { type: 'assign', assignee: 'zhang' }, 'supervisor')).assignee).toBe('zhang');
  });

  it('reopens a closed incident into progress and drops its root cause', () => {
    const closed: WorkflowIncident = { ...resolved(1), state: 'closed', rootCause };
    const r = applyAction(closed, { type: 'reopen' }, 'supervisor');
    expect(r).toMatchObject({ ok: true, from: 'closed', to: 'in_progress' });
    expect(ok(r).rootCause).toBeUndefined();
  });

  it('checks sub-causes against the policy', () => {
    const policy = policyOf(parseSettings('rootCauses:\n  external:\n    - { id: typhoon, zh: 台风, en: typhoon }\n', 'p.yaml'));
    expect(applyAction(resolved(1), { type: 'close', rootCause: { class: 'external', subCause: 'typhoon' } }, 'agent', policy).ok).toBe(true);
    expect(applyAction(resolved(1), { type: 'close', rootCause }, 'agent', policy)).toMatchObject({ ok: false, error: { code: 'bad_root_cause' } });
  });

  describe('by ownership', () => {
    const opsIncident: WorkflowIncident = { state: 'open', level: 2, ownerRole: 'ops_manager', escalations: 0 };

    it.each(['warehouse', 'agent', 'supervisor'] as const)('offers a %s nothing on the ops manager\'s incident, and refuses what they try', (role) => {
      expect(allowedActions(opsIncident, { name: 'x', role })).toEqual([]);
      for (const type of ['acknowledge', 'escalate', 'resolve'] as const) {
        expect(applyAction(opsIncident, { type }, { name: 'x', role })).toMatchObject({ ok: false, error: { code: 'not_owner' } });
      }
    });

    it('says in words who owns it', () => {
      expect(applyAction(opsIncident, { type: 'resolve' }, { name: 'wang', role: 'warehouse' })).toEqual({
        ok: false,
        error: { code: 'not_owner', action: 'resolve', message: { zh: '该事件由运营经理负责，您不能解决', en: 'the incident is owned by ops_manager: you may not resolve it' } },
      });
    });

    it('lets the owner, a role above it, the assignee and the admin work on it', () => {
      expect(allowedActions(opsIncident, { name: 'zhao', role: 'ops_manager' })).toContain('resolve');
      expect(allowedActions(opsIncident, { name: 'boss', role: 'executive' })).toContain('resolve');
      expect(allowedActions({ ...opsIncident, assignee: 'wang' }, { name: 'wang', role: 'warehouse' })).toEqual(['acknowledge', 'start', 'escalate', 'resolve']);
      expect(allowedActions({ ...opsIncident, assignee: 'wang' }, { name: 'liu', role: 'warehouse' })).toEqual([]);
      expect(allowedActions(opsIncident, { name: 'root', role: 'admin' })).toContain('assign');
    });

    it("lets the ops manager work on the warehouse's incident (the warehouse escalates to them), not the supervisor", () => {
      const w: WorkflowIncident = { ...opsIncident, ownerRole: 'warehouse' };
      expect(allowedActions(w, { name: 'wang', role: 'warehouse' })).toContain('resolve');
      expect(allowedActions(w, { name: 'zhao', role: 'ops_manager' })).toContain('resolve');
      expect(allowedActions(w, { name: 'sun', role: 'supervisor' })).toEqual([]);
    });

    it('escalation adds the next role and keeps the ops manager on it', () => {
      const up = ok(applyAction(opsIncident, { type: 'escalate' }, { name: 'zhao', role: 'ops_manager' }));
      expect(up).toMatchObject({ ownerRole: 'executive', owners: ['ops_manager', 'executive'], escalations: 1 });
      expect(allowedActions(up, { name: 'zhao', role: 'ops_manager' })).toContain('resolve');
      expect(allowedActions(up, { name: 'zhao', role: 'ops_manager' })).not.toContain('escalate');
    });
  });

  it('lists what a role may do now', () => {
    expect(allowedActions(open, 'agent')).toEqual(['acknowledge', 'start', 'escalate', 'resolve']);
    expect(allowedActions(open, 'supervisor')).toEqual(['acknowledge', 'assign', 'start', 'pause', 'escalate', 'resolve']);
    expect(allowedActions(resolved(3), 'agent')).toEqual([]);
    expect(allowedActions(resolved(3), 'executive')).toEqual(['close', 'reopen']);
  });
});
