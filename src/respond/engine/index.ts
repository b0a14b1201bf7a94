// The response engine (SPEC C6, C7) as it runs against the store: the
// finding feed placed into incidents and fix-list cases, decisions on due
// incidents (muters, then stages), people's actions on incidents.
export { ResponseEngine, type ResponseEngineDeps, type StepBounds } from './response-engine.js';
export { IncidentGrouping, SYSTEM, emptySummary, findingId, newIncidentId, type FindingRef, type TickSummary } from './incident-grouping.js';
export { FixList, fixFilingOf, isFixListCode } from './fix-list.js';
export { IncidentActions, ActionError, type ActionRequest, type Actor } from './incident-actions.js';
export { AUTOMATION_MUTERS, MESSAGE_MUTERS, type AutomationMuter, type MessageMuter } from './muters.js';
export { DECISION_STAGES, type DecisionStage } from './stages.js';
export { dailyDigest } from './daily-digest.js';
export { incidentMessage, incidentLink, type MessageKind } from './incident-messages.js';
export { incidentTitle, subjectOf } from './incident-title.js';
