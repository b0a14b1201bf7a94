import type { Command } from 'commander';
import { parseInstant, type Instant } from '../../domain/time.js';
import { CliError } from '../output.js';

/** withDb adds the --db option every command that reads the store takes. */
export function withDb(command: Command): Command {
  return command.option('--db <path|url>', 'SQLite file or postgres:// URL (default ./data/orderwatch.db, or $ORDERWATCH_DB)');
}

/** withConfig adds --config: the policy file (receivers, routes, grading …); default $ORDERWATCH_CONFIG or the shipped policy. */
export function withConfig(command: Command): Command {
  return command.option('--config <file>', 'policy file (YAML); default $ORDERWATCH_CONFIG or the shipped defaults');
}

/** parseIntOption reads a whole-number option within bounds, or fails with the option's name. */
export function parseIntOption(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`, 2);
    return n;
  };
}

/** parseTimeOption reads an ISO-8601 time option (a zone-less time is Asia/Shanghai). */
export function parseTimeOption(name: string): (value: string) => Instant {
  return (value) => {
    const at = parseInstant(value);
    if (at === undefined) throw new CliError(`${name} must be an ISO-8601 time like 2026-11-16T09:00:00+08:00, got "${value}"`, 2);
    return at;
  };
}
