// The streaming readers of import files: CSV, XLSX, JSON and NDJSON.
export { detectFormat, type FileFormat } from './file-format.js';
export { FileReadError } from './file-read-error.js';
export { DEFAULT_MAX_RECORD_BYTES, type FileRecord, type ReadOptions } from './file-record.js';
export { readRecords } from './read-records.js';
export { createProgressBar, type ProgressBar } from './progress-bar.js';
