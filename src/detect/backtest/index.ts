export { alertQuality, median, shareInterval95, type AlertQuality, type BacktestAlert, type JudgedOrder } from './alert-quality.js';
export { firstAlertAt } from './alert-time.js';
export type { BacktestOrder } from './backtest-order.js';
export { backtestCurve, type CurvePoint } from './backtest-curve.js';
export { tableSchedule, type Recalibrate, type ScheduleOptions, type TableSchedule } from './recalibration.js';
export { runBacktest, type BacktestOptions, type BacktestResult, type SegmentQuality } from './run-backtest.js';
export { LIVE_TIME_CODES, scoreAlerts, scoreCodes, type CodeScore, type CodeSpec, type OrderOutcome, type ReplayedOrder, type Truth } from './code-scores.js';
export { DEADLINE_STEP_MS, replayJudgements, type JudgeSchedule, type RaisedFinding } from './judge-replay.js';
export { checkpointBaseline, checkpointRule, codeBaseline, type BaselineVerdict, type CodeBaseline } from './code-baseline.js';
