import { readFileSync } from 'node:fs';

/** SecretError says which setting's secret could not be read, and why, without the secret. */
export class SecretError extends Error {}

/**
 * resolveSecret reads a credential from where the settings point:
 * `env:NAME` from the environment, `file:PATH` from the file's first line.
 * The value is never logged; errors name the setting and the source only.
 */
export function resolveSecret(ref: string | undefined, field: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (ref === undefined) return undefined;
  const m = /^(env|file):(.+)$/.exec(ref);
  if (!m) throw new SecretError(`${field}: expected env:NAME or file:PATH`);
  const [, kind, where] = m as unknown as [string, 'env' | 'file', string];
  if (kind === 'env') {
    const value = env[where];
    if (value === undefined || value.trim() === '') throw new SecretError(`${field}: the environment variable ${where} is not set`);
    return value.trim();
  }
  let text: string;
  try {
    text = readFileSync(where, 'utf8');
  } catch (error) {
    throw new SecretError(`${field}: cannot read ${where} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  const value = text.split(/\r?\n/)[0]?.trim() ?? '';
  if (value === '') throw new SecretError(`${field}: ${where} is empty`);
  return value;
}
