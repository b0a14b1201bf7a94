// The response engine (SPEC C6, C7): pure decisions on findings and
// incidents; every clock value is passed in, nothing here does I/O.
export { CUSTOMER_TIERS, GRADES, LEVELS, SCOPES, COMPENSATION_KINDS, TEMPLATE_VARIABLES, TEMPLATE_PARTS, PLAYBOOK_ITEM_KINDS } from '../config/policy/policy-vocabulary.js';
export type { CompensationKind, CustomerTier, Grade, Level, PlaybookItemKind, ResponseClock, Scope, TemplatePart, TemplateVariable } from '../config/policy/policy-vocabulary.js';
export { DEFAULT_POLICY, POLICY_SECTIONS, policyOf, type PolicySection, type ResponsePolicy } from './policy.js';
export { gradeFinding, ruleMatches, type GradeDecision, type GradeInput } from './grading.js';
export { customerTierOf, type CustomerFacts } from './customer-tier.js';
export { delayBusinessDays, resolutionTarget, responseDeadline } from './delay.js';
export { groupKeysOf, groupLevel, groupNotifyAt, inhibitsMembers, isGroupIncident, type GroupFacts, type GroupKey } from './grouping.js';
export { nextEscalation, nextRoleInChain, type EscalationIncident, type EscalationStep } from './escalation.js';
export { nextReminderAt } from './reminders.js';
export { deferUntil, isQuietHours, mayWake, onCallUsers, whoToWake, type WakeRequest } from './on-call.js';
export {
  ACTION_ROLES,
  CLOSE_ROLES,
  WORKFLOW_STATES,
  allowedActions,
  applyAction,
  isPaused,
  type IncidentAction,
  type IncidentActionType,
  type PauseInfo,
  type WorkflowError,
  type WorkflowErrorCode,
  type WorkflowIncident,
  type WorkflowResult,
  type WorkflowState,
} from './workflow.js';
export { DEFAULT_PLAYBOOKS, checklistOf, playbookOf, type ChecklistStep, type Playbook, type PlaybookItem } from './playbooks.js';
export {
  DEFAULT_TEMPLATES,
  TemplateError,
  escapeHtml,
  renderTemplate,
  smsSegments,
  type CustomerTemplate,
  type EmailMessage,
  type Lang,
  type Medium,
  type PhoneScript,
  type RenderedMessage,
  type SmsMessage,
  type TemplateVars,
} from './templates.js';
export { approvalRank, approvalRefusal, checkCompensation, compensationLimit, compensationTotals, grantedOnOwnAuthority, type ApprovalRefusal, type CompensationCheck, type CompensationRecord, type CompensationTotals } from './compensation.js';
export { ROOT_CAUSE_CLASSES, ROOT_CAUSE_CLASS_LABELS, isFalseAlarm, rootCauseProblem, subCausesOf, type RootCause, type RootCauseClass, type SubCause } from './root-cause.js';
export { routeReceivers, type RouteFacts } from './routing.js';
export type { Receiver, ReceiverType } from '../config/policy/receivers-schema.js';
export type { Route } from '../config/policy/routes-schema.js';
export type { CompensationLimitFen } from '../config/policy/compensation-schema.js';
export { ownsIncident, withOwner, type ActorRef, type OwnedIncident } from './ownership.js';
export { offeredActions } from './offered-actions.js';
export { summariseIncident, type IncidentSummary } from './incident-summary.js';
export { DOMESTIC_SMS, PLACEHOLDERS, domesticSmsSegments, renderScript, type CustomerScript } from './customer-script.js';
export { RESPONSE_LABELS } from './response-labels.js';
