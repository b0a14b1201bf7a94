export { percentOf, type PenaltyRule, type PercentRule } from './penalty-rule.js';
export { TAOBAO_LATE_SHIPMENT } from './taobao.js';
export { DEFAULT_PENALTY_SETTINGS, incidentPenalty, orderPenalty, penaltyRuleOf, type IncidentPenalty, type OrderPenalty, type PenaltySettings } from './order-penalty.js';
