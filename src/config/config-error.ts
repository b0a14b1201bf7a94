// ConfigError lives apart from the settings loader so that a door which only
// recognises it (the CLI's error handler) does not load the settings schema.

/** ConfigIssue is one problem of a config file, located by its path ("server.port"). */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** ConfigError is a config file that cannot be used; it lists every issue. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(`${file}: ${issues.length} problem(s):\n${issues.map((i) => `  ${i.path || '(file)'}: ${i.message}`).join('\n')}`);
  }
}
