import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from './settings.js';

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

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** parseSettings validates a config file's text and lists every problem with its path. */
export function parseSettings(text: string, file: string): Settings {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => ({ path: `line ${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0] ?? e.message })));
  }
  const value: unknown = doc.toJS() ?? {};
  const result = SettingsSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ path: [pathOf(i), k].filter(Boolean).join('.'), message: 'is not a known setting' }))
        : [{ path: pathOf(i), message: i.message }],
    );
    throw new ConfigError(file, issues);
  }
  return result.data;
}

/** loadSettings reads a config file, or returns the defaults when no file is named. */
export function loadSettings(file: string | undefined): Settings {
  if (file === undefined) return DEFAULT_SETTINGS;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return parseSettings(text, file);
}
