import { PROGRESS_INTERVAL_MS } from './progress-meter.js';

/** ProgressBar draws an import's progress; both methods are cheap to call often. */
export interface ProgressBar {
  /** update records the latest position; the bar is redrawn at most about ten times a second. */
  update(bytesRead: number, totalBytes: number, records: number): void;
  /** finish draws the final state and ends the line. */
  finish(): void;
}

/** ProgressStream is the part of a terminal stream the bar uses (process.stderr fits). */
export type ProgressStream = Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'write'>;

const BAR_WIDTH = 24;
const CLEAR_TO_END = '\u001b[K';

/**
 * createProgressBar returns a single-line progress bar (percentage, records,
 * records per second) drawn on `stream` when it is a terminal, and a bar that
 * does nothing when it is not, so piped or logged output stays clean.
 */
export function createProgressBar(stream: ProgressStream, label: string, now: () => number = Date.now): ProgressBar {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const startedAt = now();
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let latest = { bytesRead: 0, totalBytes: 0, records: 0 };

  function draw(at: number): void {
    lastDrawn = at;
    drawn = true;
    const line = progressLine(label, latest.bytesRead, latest.totalBytes, latest.records, (at - startedAt) / 1000);
    const width = Math.max(10, (stream.columns || 80) - 1);
    stream.write(`\r${line.length > width ? line.slice(0, width) : line}${CLEAR_TO_END}`);
  }

  return {
    update(bytesRead, totalBytes, records) {
      latest = { bytesRead, totalBytes, records };
      const at = now();
      if (at - lastDrawn >= PROGRESS_INTERVAL_MS) draw(at);
    },
    finish() {
      if (!drawn && latest.records === 0 && latest.bytesRead === 0) return;
      draw(now());
      stream.write('\n');
    },
  };
}

/** progressLine renders one state of the bar, e.g. "orders.csv [======>      ] 45% 120,000 records 40,000/s". */
export function progressLine(label: string, bytesRead: number, totalBytes: number, records: number, seconds: number): string {
  const fraction = totalBytes > 0 ? Math.min(1, Math.max(0, bytesRead / totalBytes)) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = filled >= BAR_WIDTH ? '='.repeat(BAR_WIDTH) : `${'='.repeat(filled)}>${' '.repeat(BAR_WIDTH - filled - 1)}`;
  const rate = seconds > 0 ? Math.round(records / seconds) : 0;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${label} [${bar}] ${percent} ${records.toLocaleString('en-US')} records ${rate.toLocaleString('en-US')}/s`;
}
