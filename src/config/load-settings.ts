import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { crossReferenceIssues, type CrossReferencedSections } from './policy/cross-references.js';
import { DEFAULT_SETTINGS, SETTINGS_SECTIONS, SettingsSchema, type Settings, type SettingsSection } from './settings.js';
import { ConfigError, type ConfigIssue } from './config-error.js';

export { ConfigError, type ConfigIssue };

/** formatPath renders a path as people write it: `grading.rules[2].then.playbook`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

const isTypeMismatch = (i: z.core.$ZodIssue): boolean => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value');

// A failed union reports every branch's failure; people want the one branch
// they meant: the one that got furthest into the value (a list with one bad
// entry is a list, not a wrong scalar), else one that accepted the value's
// type and failed a later check (20.001 is an amount with too many decimals,
// not a wrong "unlimited"). When every branch refused the type outright, a
// union with a message of its own says best what fits; otherwise the first
// branch speaks.
function unionIssues(issue: z.core.$ZodIssueInvalidUnion, path: readonly PropertyKey[]): ConfigIssue[] {
  const depth = (branch: readonly z.core.$ZodIssue[]): number => Math.max(0, ...branch.map((i) => i.path.length));
  const ranked = issue.errors
    .map((branch, order) => ({ branch, order, depth: depth(branch), typed: !branch.every(isTypeMismatch) }))
    .sort((a, b) => b.depth - a.depth || Number(b.typed) - Number(a.typed) || a.order - b.order);
  const best = ranked[0];
  if (best === undefined) return [{ path: formatPath(path), message: issue.message }];
  if (best.depth === 0 && !best.typed && issue.message !== 'Invalid input') return [{ path: formatPath(path), message: issue.message }];
  return toConfigIssues(best.branch, path);
}

function toConfigIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): ConfigIssue[] {
  return issues.flatMap((i): ConfigIssue[] => {
    const path = [...prefix, ...i.path];
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: formatPath([...path, k]), message: 'is not a known setting' }));
    if (i.code === 'invalid_union' && i.errors.length > 0) return unionIssues(i, path);
    return [{ path: formatPath(path), message: i.message }];
  });
}

/** SettingsValidation is the outcome of checking a file's content: the settings, or every issue found. */
export type SettingsValidation = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * validateSettings checks a parsed file section by section, so one broken
 * section does not hide the problems of the others, then checks the
 * references between the sections that are sound.
 */
export function validateSettings(value: unknown): SettingsValidation {
  if (value === null || value === undefined) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, issues: [{ path: '', message: 'expected a mapping of sections (server, receivers, routes …) at the top of the file' }] };
  }
  const raw = value as Record<string, unknown>;
  const issues: ConfigIssue[] = Object.keys(raw)
    .filter((key) => !Object.hasOwn(SETTINGS_SECTIONS, key))
    .map((key) => ({ path: key, message: 'is not a known setting' }));
  const parsed: Record<string, unknown> = {};
  for (const [section, schema] of Object.entries(SETTINGS_SECTIONS) as [SettingsSection, z.ZodType][]) {
    const result = schema.safeParse(raw[section]);
    if (result.success) parsed[section] = result.data;
    else issues.push(...toConfigIssues(result.error.issues, [section]));
  }
  // Receiver names and the names routes use are read from the file as
  // written, so a duplicate name or a route to a missing receiver is reported
  // even when some receiver or route is broken in another way.
  const entries = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
  const field = (entry: unknown, key: string): unknown => (typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[key] : undefined);
  const receiverNames = entries(raw.receivers)?.map((r) => {
    const name = field(r, 'name');
    return typeof name === 'string' ? name : undefined;
  });
  const routeReceivers = entries(raw.routes)?.map((r) => entries(field(r, 'receivers')));
  const sections: CrossReferencedSections = {
    ...(parsed as Omit<CrossReferencedSections, 'receiverNames' | 'routeReceivers'>),
    ...(receiverNames ? { receiverNames } : {}),
    ...(routeReceivers ? { routeReceivers } : {}),
  };
  for (const issue of crossReferenceIssues(sections)) issues.push({ path: formatPath(issue.path), message: issue.message });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, settings: SettingsSchema.parse(raw) };
}

/** parseSettings validates a config file's text and lists every problem with its path. */
export function parseSettings(text: string, file: string): Settings {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => ({ path: `line ${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0] ?? e.message })));
  }
  const result = validateSettings(doc.toJS());
  if (!result.ok) throw new ConfigError(file, result.issues);
  return result.settings;
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

/** SettingsReload is the outcome of a reload: the settings to run with, and the error when the file was refused. */
export interface SettingsReload {
  readonly settings: Settings;
  readonly error?: ConfigError;
}

/**
 * reloadSettings re-reads a config file for a running server: a file that
 * does not validate is refused as a whole and `running` stays in force, so a
 * typo during an incident never drops the receivers that page people.
 */
export function reloadSettings(file: string, running: Settings): SettingsReload {
  try {
    return { settings: loadSettings(file) };
  } catch (error) {
    if (error instanceof ConfigError) return { settings: running, error };
    throw error;
  }
}
