import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { DAY_MS, toIso } from '../../domain/time.js';
import { DEFAULT_TOKEN_SCOPES, isTokenScope, TOKEN_SCOPES, type TokenScope } from '../../server/auth/scopes.js';
import { newSecretToken, tokenHash } from '../../server/auth/tokens.js';
import { USER_NAME } from '../../server/routes/user-routes.js';
import { CliError, print, printJson, table } from '../output.js';
import { parseIntOption, withDb } from './common-options.js';

function scopesOf(value: string | undefined): TokenScope[] {
  if (value === undefined) return [...DEFAULT_TOKEN_SCOPES];
  const scopes = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !isTokenScope(s));
  if (unknown.length > 0 || scopes.length === 0) throw new CliError(`--scopes takes a comma-separated list of ${TOKEN_SCOPES.join(', ')}; unknown: ${unknown.join(', ') || '(empty)'}`, 2);
  return [...new Set(scopes.filter(isTokenScope))];
}

/** registerTokenCommand adds `orderwatch token create|list|revoke`. */
export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('API tokens for integrations (ERP, WMS, scripts): scoped, expiring, revocable');
  withDb(token.command('create'))
    .description('create an API token; it is shown once: send it as "Authorization: Bearer <token>"')
    .argument('<name>', 'what the token is for, e.g. erp')
    .option('--scopes <list>', `what it may do, comma-separated: ${TOKEN_SCOPES.join(', ')} (default: ingest only)`)
    .option('--days <n>', 'days until it expires (default auth.tokenDays of the settings, 90)', parseIntOption('--days', 1, 366))
    .option('--role <role>', 'kept for old scripts: only "integration" (tokens never have a person\'s role)')
    .option('--config <file>', 'settings file (for auth.tokenDays)')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, options: { scopes?: string; days?: number; role?: string; db?: string; config?: string; json?: boolean }) => {
      if (options.role !== undefined && options.role !== 'integration') throw new CliError('API tokens have the integration role only: admin work is done signed in as a person', 2);
      if (!USER_NAME.test(name)) throw new CliError('a token name is 1-64 letters, digits, _ . or -', 2);
      const scopes = scopesOf(options.scopes);
      const context = await openContext(options);
      try {
        const secret = newSecretToken('owt_');
        const now = context.clock.now();
        const expiresAt = now + (options.days ?? context.settings.auth.tokenDays) * DAY_MS;
        if (!(await context.store.createApiToken({ tokenHash: tokenHash(secret), name, role: 'integration', scopes, createdAt: now, expiresAt, createdBy: 'cli' }, now))) {
          throw new CliError(`a live token named ${name} exists: revoke it first (orderwatch token revoke ${name})`);
        }
        if (options.json) printJson({ name, role: 'integration', scopes, expiresAt: toIso(expiresAt), token: secret });
        else print(`token ${name} (${scopes.join(', ')}; expires ${toIso(expiresAt).slice(0, 10)}): ${secret}`);
      } finally {
        await context.store.close();
      }
    });
  withDb(token.command('list'))
    .description('list API tokens: scopes, expiry, last use, revocation (never the secret)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const now = context.clock.now();
        const tokens = await context.store.listApiTokens();
        const state = (t: (typeof tokens)[number]): string =>
          t.revokedAt !== undefined ? 'revoked' : t.expiresAt === undefined ? 'live (expires 90 days after its next use)' : t.expiresAt <= now ? 'expired' : 'live';
        if (options.json) {
          printJson(tokens.map((t) => ({ ...t, state: state(t).split(' ')[0], createdAt: toIso(t.createdAt), ...(t.expiresAt !== undefined ? { expiresAt: toIso(t.expiresAt) } : {}), ...(t.lastUsedAt !== undefined ? { lastUsedAt: toIso(t.lastUsedAt) } : {}), ...(t.revokedAt !== undefined ? { revokedAt: toIso(t.revokedAt) } : {}) })));
        } else {
          const day = (at: number | undefined): string => (at === undefined ? '' : toIso(at).slice(0, 10));
          print(table(['name', 'scopes', 'state', 'created', 'expires', 'last used'], tokens.map((t) => [t.name, t.scopes.join(','), state(t), day(t.createdAt), day(t.expiresAt), day(t.lastUsedAt)])));
        }
      } finally {
        await context.store.close();
      }
    });
  withDb(token.command('revoke'))
    .description('revoke an API token: it stops working at once')
    .argument('<name>', 'the token name')
    .action(async (name: string, options: { db?: string }) => {
      const context = await openContext(options);
      try {
        if (!(await context.store.revokeApiToken(name, context.clock.now()))) throw new CliError(`no live token ${name}`);
        print(`token ${name} revoked`);
      } finally {
        await context.store.close();
      }
    });
}
