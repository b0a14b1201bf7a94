import type { Level } from '../config/policy/policy-vocabulary.js';
import type { Bilingual } from '../domain/finding.js';
import { INCIDENT_STATES, ownersOf, type IncidentState, type Pause } from '../domain/incident.js';
import { ROLE_NAMES_ZH, type Role } from '../domain/role.js';
import type { Instant } from '../domain/time.js';
import { nextRoleInChain } from './escalation.js';
import { ownsIncident, withOwner, type ActorRef } from './ownership.js';
import { DEFAULT_POLICY, type ResponsePolicy } from './policy.js';
import { rootCauseProblem, type RootCause } from './root-cause.js';

/** WORKFLOW_STATES are an incident's states (SPEC C7), in order: open → acknowledged → in_progress → resolved → closed → reviewed (the domain's INCIDENT_STATES). */
export const WORKFLOW_STATES = INCIDENT_STATES;
export type WorkflowState = IncidentState;

/** PauseInfo is a manual take-over (人工暂停, the domain's Pause): automation stops for the incident until resumed or `until`. */
export type PauseInfo = Pause;

/** WorkflowIncident is the part of an incident the workflow reads and changes. */
export interface WorkflowIncident {
  readonly state: WorkflowState;
  readonly level: Level;
  readonly ownerRole: Role;
  /** Every role that owns it (escalation adds); undefined means `[ownerRole]`. */
  readonly owners?: readonly Role[];
  readonly escalations: number;
  readonly assignee?: string;
  readonly pause?: PauseInfo;
  readonly rootCause?: RootCause;
}

/** IncidentAction is something a person does to an incident. */
export type IncidentAction =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'assign'; readonly assignee: string }
  | { readonly type: 'start' }
  | { readonly type: 'pause'; readonly by: string; readonly reason: string; readonly at: Instant; readonly until?: Instant }
  | { readonly type: 'resume' }
  | { readonly type: 'escalate' }
  | { readonly type: 'resolve' }
  | { readonly type: 'close'; readonly rootCause?: RootCause }
  | { readonly type: 'reopen' }
  | { readonly type: 'review' };

/** IncidentActionType names the actions. */
export type IncidentActionType = IncidentAction['type'];

/** WorkflowErrorCode says why an action was refused. */
export type WorkflowErrorCode = 'wrong_state' | 'forbidden' | 'not_owner' | 'root_cause_required' | 'bad_root_cause' | 'already_paused' | 'not_paused' | 'top_of_chain' | 'bad_assignee';

/** WorkflowError is a refused action with a message for people in both languages. */
export interface WorkflowError {
  readonly code: WorkflowErrorCode;
  readonly action: IncidentActionType;
  readonly message: Bilingual;
}

/** WorkflowResult is the incident after the action, with the state change to audit, or the refusal. */
export type WorkflowResult =
  | { readonly ok: true; readonly incident: WorkflowIncident; readonly from: WorkflowState; readonly to: WorkflowState }
  | { readonly ok: false; readonly error: WorkflowError };

const HANDLERS: readonly Role[] = ['agent', 'supervisor', 'ops_manager', 'warehouse', 'executive', 'admin'];
const LEADS: readonly Role[] = ['supervisor', 'ops_manager', 'executive', 'admin'];

/**
 * ACTION_ROLES say who may do what. Everyone who handles incidents may
 * acknowledge, start, escalate and resolve; taking over (pause, resume),
 * assigning, reopening and reviewing are for the leads (SPEC: the supervisor
 * "takes over (pause) automation"); `integration` tokens do none of it.
 */
export const ACTION_ROLES: Readonly<Record<IncidentActionType, readonly Role[]>> = {
  acknowledge: HANDLERS,
  assign: LEADS,
  start: HANDLERS,
  pause: LEADS,
  resume: LEADS,
  escalate: HANDLERS,
  resolve: HANDLERS,
  close: HANDLERS,
  reopen: LEADS,
  review: LEADS,
};

/**
 * CLOSE_ROLES say who may close an incident of each level: anyone who
 * handles incidents closes a single order's, a batch needs a lead, a system
 * failure or stock-out needs the operations manager or above (an agent
 * cannot close level 3).
 */
export const CLOSE_ROLES: Readonly<Record<Level, readonly Role[]>> = {
  1: HANDLERS,
  2: LEADS,
  3: ['ops_manager', 'executive', 'admin'],
};

/** FROM_STATES are the states each action may start from. */
const FROM_STATES: Readonly<Record<IncidentActionType, readonly WorkflowState[]>> = {
  acknowledge: ['open'],
  assign: ['open', 'acknowledged', 'in_progress'],
  start: ['open', 'acknowledged'],
  pause: ['open', 'acknowledged', 'in_progress'],
  resume: ['open', 'acknowledged', 'in_progress'],
  escalate: ['open', 'acknowledged', 'in_progress'],
  resolve: ['open', 'acknowledged', 'in_progress'],
  close: ['resolved'],
  reopen: ['resolved', 'closed'],
  review: ['closed'],
};

const STATE_NAMES_ZH: Readonly<Record<WorkflowState, string>> = {
  open: '待响应',
  acknowledged: '已确认',
  in_progress: '处理中',
  resolved: '已解决',
  closed: '已关闭',
  reviewed: '已复盘',
};

const ACTION_NAMES_ZH: Readonly<Record<IncidentActionType, string>> = {
  acknowledge: '确认',
  assign: '指派',
  start: '开始处理',
  pause: '暂停',
  resume: '恢复',
  escalate: '升级',
  resolve: '解决',
  close: '关闭',
  reopen: '重新打开',
  review: '复盘',
};

function refuse(code: WorkflowErrorCode, action: IncidentActionType, message: Bilingual): WorkflowResult {
  return { ok: false, error: { code, action, message } };
}

/**
 * applyAction applies a person's action to an incident and returns the
 * incident after it, or a typed refusal with a message in Chinese and
 * English. Pure: the caller records who did it and when (the audit trail)
 * from the result's `from` and `to`. Closing needs a root cause whose
 * sub-cause belongs to its class in `policy.rootCauses`.
 */
export function applyAction(
  incident: WorkflowIncident,
  action: IncidentAction,
  actor: Role | ActorRef,
  policy: Pick<ResponsePolicy, 'rootCauses' | 'escalation'> = DEFAULT_POLICY,
): WorkflowResult {
  const type = action.type;
  const who: ActorRef = typeof actor === 'string' ? { role: actor } : actor;
  const actorRole = who.role;
  const roles = type === 'close' ? CLOSE_ROLES[incident.level] : ACTION_ROLES[type];
  if (!roles.includes(actorRole)) {
    const what = type === 'close' ? `close a level-${incident.level} incident` : type;
    return refuse('forbidden', type, {
      zh: `${ROLE_NAMES_ZH[actorRole]}角色无权${ACTION_NAMES_ZH[type]}${type === 'close' ? `${incident.level}级事件` : '该事件'}`,
      en: `the ${actorRole} role may not ${what}`,
    });
  }
  if (!ownsIncident(incident, who, policy)) {
    const owners = ownersOf(incident);
    return refuse('not_owner', type, {
      zh: `该事件由${owners.map((r) => ROLE_NAMES_ZH[r]).join('、')}负责${incident.assignee ? `（处理人 ${incident.assignee}）` : ''}，您不能${ACTION_NAMES_ZH[type]}`,
      en: `the incident is owned by ${owners.join(', ')}${incident.assignee ? ` (assigned to ${incident.assignee})` : ''}: you may not ${type} it`,
    });
  }
  if (!FROM_STATES[type].includes(incident.state)) {
    return refuse('wrong_state', type, {
      zh: `事件处于"${STATE_NAMES_ZH[incident.state]}"状态，不能${ACTION_NAMES_ZH[type]}`,
      en: `cannot ${type} an incident that is ${incident.state.replace('_', ' ')}`,
    });
  }
  const done = (next: WorkflowIncident): WorkflowResult => ({ ok: true, incident: next, from: incident.state, to: next.state });
  switch (action.type) {
    case 'acknowledge':
      return done({ ...incident, state: 'acknowledged' });
    case 'start':
      return done({ ...incident, state: 'in_progress' });
    case 'assign':
      if (action.assignee.trim() === '') return refuse('bad_assignee', type, { zh: '请指定处理人', en: 'name the person to assign' });
      return done({ ...incident, assignee: action.assignee });
    case 'pause': {
      const p = incident.pause;
      if (p !== undefined && (p.until === undefined || p.until > action.at)) {
        return refuse('already_paused', type, { zh: `事件已由${p.by}暂停`, en: `already paused by ${p.by}` });
      }
      const pause: PauseInfo = { by: action.by, reason: action.reason, at: action.at, ...(action.until === undefined ? {} : { until: action.until }) };
      return done({ ...incident, pause });
    }
    case 'resume': {
      if (incident.pause === undefined) return refuse('not_paused', type, { zh: '事件未暂停', en: 'the incident is not paused' });
      const { pause: _removed, ...rest } = incident;
      return done(rest);
    }
    case 'escalate': {
      const to = nextRoleInChain(policy, incident.ownerRole);
      if (to === undefined) return refuse('top_of_chain', type, { zh: '已是最高升级层级', en: `${incident.ownerRole} is the top of the escalation chain` });
      return done({ ...incident, ownerRole: to, owners: withOwner(incident, to), escalations: incident.escalations + 1 });
    }
    case 'resolve':
      return done({ ...incident, state: 'resolved' });
    case 'close': {
      if (action.rootCause === undefined) {
        return refuse('root_cause_required', type, { zh: '关闭事件前必须填写根因（系统/人为/外部 + 子原因）', en: 'closing needs a root cause (system / human / external + sub-cause)' });
      }
      const problem = rootCauseProblem(policy, action.rootCause);
      if (problem !== undefined) return refuse('bad_root_cause', type, problem);
      return done({ ...incident, state: 'closed', rootCause: action.rootCause });
    }
    case 'reopen': {
      const { rootCause: _dropped, ...rest } = incident;
      return done({ ...rest, state: 'in_progress' });
    }
    case 'review':
      return done({ ...incident, state: 'reviewed' });
  }
}

/**
 * allowedActions lists what an actor may do to an incident now, by role and
 * ownership, for the console's buttons (close still needs its root cause):
 * someone who does not own the incident is offered none of them.
 */
export function allowedActions(incident: WorkflowIncident, actor: Role | ActorRef, policy: Pick<ResponsePolicy, 'escalation'> = DEFAULT_POLICY): readonly IncidentActionType[] {
  const who: ActorRef = typeof actor === 'string' ? { role: actor } : actor;
  if (!ownsIncident(incident, who, policy)) return [];
  return (Object.keys(FROM_STATES) as IncidentActionType[]).filter((type) => {
    const roles = type === 'close' ? CLOSE_ROLES[incident.level] : ACTION_ROLES[type];
    if (!roles.includes(who.role) || !FROM_STATES[type].includes(incident.state)) return false;
    if (type === 'escalate') return nextRoleInChain(policy, incident.ownerRole) !== undefined;
    if (type === 'pause') return incident.pause === undefined;
    if (type === 'resume') return incident.pause !== undefined;
    return true;
  });
}

/** isPaused tells whether automation is stopped for the incident at `now` (a pause with an `until` expires). */
export function isPaused(incident: Pick<WorkflowIncident, 'pause'>, now: Instant): boolean {
  const p = incident.pause;
  return p !== undefined && (p.until === undefined || p.until > now);
}
