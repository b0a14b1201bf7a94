/**
 * src/report: the documents orderwatch writes for people — the evidence
 * report of an order or incident, the post-incident review, the KPI report —
 * as Chinese PDFs with server-side charts, and any list as CSV/XLSX. It reads
 * the store's ports and knows nothing of sending: src/app composes and sends.
 */
export { collectEvidence, resolveEvidenceTarget, MAX_FOCUS_ORDERS, MAX_ROSTER_ORDERS, type EvidenceData, type EvidenceOptions, type EvidenceTarget } from './evidence/evidence-data.js';
export { renderEvidencePdf } from './evidence/evidence-pdf.js';
export { collectReview, reviewSummary, satisfactionOf, REVIEW_PERIOD_DAYS, RECURRENCE_DAYS, type ReviewData, type ReviewLookup } from './review/review-data.js';
export { renderReviewPdf } from './review/review-pdf.js';
export { collectKpis, previousWindow, repeatedMistakes, type KpiData, type KpiDay, type KpiFigures } from './kpi/kpi-data.js';
export { KPI_TARGETS, type KpiTargets } from './kpi/kpi-targets.js';
export { statsText } from './duration-words.js';
export { renderKpiPdf } from './kpi/kpi-pdf.js';
export { exportTable, EXPORT_FORMATS, type ExportColumn, type ExportedFile, type ExportFormat } from './table-export.js';
export { CALLBACK_COLUMNS, DELAYED_ORDER_COLUMNS, FINDING_COLUMNS, IMPROVEMENT_COLUMNS, KPI_DAY_COLUMNS, SPLIT_COLUMNS, incidentColumns, type SplitRow } from './export-lists.js';
export { splitLabel } from './split-labels.js';
export { isFalseAlarmCause, LABELS, PLAIN_VOCABULARY, type ReportVocabulary } from './labels.js';
export { NO_PEOPLE, peopleOf, type People } from './people.js';
export { dayName, dayStart, daysOf, lastDays, monthWindow, previousMonth } from './period.js';
export { daysWithData, trendChartSvg, pieChartSvg } from './charts.js';
export { ReportError } from './report-error.js';
export { warmUpReports } from './pdf/warm-up.js';
