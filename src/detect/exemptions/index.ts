export { DEFAULT_EXEMPTION_ALLOWANCES, type ExemptionAllowances } from './allowances.js';
export { effectiveDeadline } from './effective-deadline.js';
export { exemptionRecogniser, recogniseExemptions, type ExemptionRecogniser, type ExemptionSource } from './recognise.js';
