import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { isRole, ROLES } from '../../domain/role.js';
import { newSecretToken, tokenHash } from '../../server/auth/tokens.js';
import { USER_NAME } from '../../server/routes/user-routes.js';
import { CliError, print, printJson } from '../output.js';
import { withDb } from './common-options.js';

/** registerTokenCommand adds `orderwatch token create NAME`. */
export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('API tokens for integrations (ERP, WMS, scripts)');
  withDb(token.command('create'))
    .description('create an API token; it is shown once: send it as "Authorization: Bearer <token>"')
    .argument('<name>', 'what the token is for, e.g. erp')
    .option('--role <role>', `role of the token: ${ROLES.join(', ')}`, 'integration')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, options: { role: string; db?: string; json?: boolean }) => {
      if (!isRole(options.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`, 2);
      if (!USER_NAME.test(name)) throw new CliError('a token name is 1-64 letters, digits, _ . or -', 2);
      const context = await openContext(options);
      try {
        const secret = newSecretToken('owt_');
        if (!(await context.store.createApiToken(tokenHash(secret), name, options.role, context.clock.now()))) throw new CliError(`a token named ${name} exists`);
        if (options.json) printJson({ name, role: options.role, token: secret });
        else print(`token ${name} (${options.role}): ${secret}`);
      } finally {
        await context.store.close();
      }
    });
}
