import { Transform, type TransformCallback } from 'node:stream';

/** PROGRESS_INTERVAL_MS spaces progress reports to about ten a second. */
export const PROGRESS_INTERVAL_MS = 100;

/** ProgressMeterOptions configures createProgressMeter. */
export interface ProgressMeterOptions {
  readonly totalBytes: number;
  /** Bytes of the file not sent through the meter (a skipped BOM), counted as read. */
  readonly skippedBytes?: number;
  readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined;
  readonly now?: () => number;
}

/**
 * createProgressMeter returns a pass-through stream that counts the bytes
 * flowing through it and reports them to `onProgress` at most every 100 ms,
 * plus once when the stream ends.
 */
export function createProgressMeter(options: ProgressMeterOptions): Transform {
  const { totalBytes, onProgress, now = Date.now } = options;
  let bytesRead = options.skippedBytes ?? 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      bytesRead += chunk.length;
      if (onProgress) {
        const t = now();
        if (t - lastReport >= PROGRESS_INTERVAL_MS) {
          lastReport = t;
          onProgress(bytesRead, totalBytes);
        }
      }
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      onProgress?.(bytesRead, totalBytes);
      callback();
    },
  });
}
