/**
 * FileReadError reports a problem with a file as a whole (missing, unreadable,
 * empty, not the format it claims to be); its message names the file and says
 * why. Problems with single records are error records, never this.
 */
export class FileReadError extends Error {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
    this.name = 'FileReadError';
  }
}
