import type { Command } from 'commander';
import { openContext } from '../../app/context.js';
import { isRole, ROLES, ROLE_NAMES_ZH } from '../../domain/role.js';
import { toIso } from '../../domain/time.js';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../../server/auth/password.js';
import { USER_NAME } from '../../server/routes/user-routes.js';
import { CliError, print, printJson, table } from '../output.js';
import { withDb } from './common-options.js';

const PEOPLE_ROLES = ROLES.filter((r) => r !== 'integration');

function checkPassword(password: string | undefined): string {
  const value = password ?? process.env.ORDERWATCH_PASSWORD ?? generatePassword();
  if (value.length < MIN_PASSWORD_LENGTH) throw new CliError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`, 2);
  return value;
}

/** registerUserCommand adds `orderwatch user add|list|passwd|disable|enable|sessions|sign-out`. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage the people who use orderwatch');
  withDb(user.command('add'))
    .description('add a user; prints a generated password unless --password (or $ORDERWATCH_PASSWORD) is given')
    .argument('<name>', 'login name')
    .requiredOption('--role <role>', `one of ${PEOPLE_ROLES.join(', ')}`)
    .option('--password <password>', `at least ${MIN_PASSWORD_LENGTH} characters`)
    .option('--display-name <name>', 'the name people see, e.g. 王主管')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, options: { role: string; password?: string; displayName?: string; db?: string; json?: boolean }) => {
      if (!isRole(options.role) || options.role === 'integration') throw new CliError(`--role must be one of ${PEOPLE_ROLES.join(', ')}, got "${options.role}" (integrations get API tokens: orderwatch token create)`, 2);
      if (!USER_NAME.test(name)) throw new CliError('a user name is 1-64 letters, digits, _ . or -', 2);
      const password = checkPassword(options.password);
      const context = await openContext(options);
      try {
        const created = await context.store.addUser(
          { name, role: options.role, createdAt: context.clock.now(), disabled: false, ...(options.displayName ? { displayName: options.displayName } : {}) },
          await hashPassword(password),
        );
        if (!created) throw new CliError(`user ${name} already exists`);
        const generated = options.password === undefined && process.env.ORDERWATCH_PASSWORD === undefined;
        if (options.json) printJson({ name, role: options.role, ...(generated ? { password } : {}) });
        else print(`added ${name} (${options.role}, ${ROLE_NAMES_ZH[options.role]})${generated ? `; password: ${password}` : ''}`);
      } finally {
        await context.store.close();
      }
    });
  withDb(user.command('list'))
    .description('list users')
    .option('--json', 'print the result as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const users = await context.store.listUsers();
        if (options.json) printJson(users.map((u) => ({ ...u, createdAt: toIso(u.createdAt) })));
        else print(table(['name', 'role', 'display name', 'created', 'state'], users.map((u) => [u.name, `${u.role} ${ROLE_NAMES_ZH[u.role]}`, u.displayName ?? '', toIso(u.createdAt).slice(0, 10), u.disabled ? 'disabled' : 'active'])));
      } finally {
        await context.store.close();
      }
    });
  withDb(user.command('passwd'))
    .description("set a user's password (generated unless --password is given)")
    .argument('<name>', 'login name')
    .option('--password <password>', `at least ${MIN_PASSWORD_LENGTH} characters`)
    .action(async (name: string, options: { password?: string; db?: string }) => {
      const password = checkPassword(options.password);
      const context = await openContext(options);
      try {
        if (!(await context.store.setPassword(name, await hashPassword(password)))) throw new CliError(`no user ${name}`);
        print(`${options.password === undefined ? `new password for ${name}: ${password}` : `password of ${name} changed`}; every session of ${name} ended`);
      } finally {
        await context.store.close();
      }
    });
  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    withDb(user.command(action))
      .description(disabled ? 'disable a user: they cannot sign in and every session of theirs ends' : 'enable a disabled user again')
      .argument('<name>', 'login name')
      .action(async (name: string, options: { db?: string }) => {
        const context = await openContext(options);
        try {
          if (!(await context.store.setUserDisabled(name, disabled))) throw new CliError(`no user ${name}`);
          print(disabled ? `${name} disabled; every session of ${name} ended` : `${name} enabled`);
        } finally {
          await context.store.close();
        }
      });
  }
  withDb(user.command('sessions'))
    .description("list sessions not yet expired (everyone's, or one user's)")
    .argument('[name]', 'login name')
    .option('--json', 'print the result as JSON')
    .action(async (name: string | undefined, options: { db?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const sessions = await context.store.listSessions(context.clock.now(), name);
        if (options.json) printJson(sessions.map((s) => ({ ...s, createdAt: toIso(s.createdAt), expiresAt: toIso(s.expiresAt), lastSeenAt: toIso(s.lastSeenAt) })));
        else print(table(['id', 'user', 'signed in', 'last used', 'from', 'client'], sessions.map((s) => [s.id, s.userName, toIso(s.createdAt).slice(0, 16), toIso(s.lastSeenAt).slice(0, 16), s.address ?? '', (s.userAgent ?? '').slice(0, 40)])));
      } finally {
        await context.store.close();
      }
    });
  withDb(user.command('sign-out'))
    .description('end sessions: one by its id (--session), or every session of a user')
    .argument('[name]', 'login name: end all of their sessions')
    .option('--session <id>', 'end this session (an id from `user sessions`)')
    .action(async (name: string | undefined, options: { session?: string; db?: string }) => {
      if ((name === undefined) === (options.session === undefined)) throw new CliError('give a user name or --session ID', 2);
      const context = await openContext(options);
      try {
        if (options.session !== undefined) {
          if (!(await context.store.revokeSession(options.session))) throw new CliError(`no session ${options.session}`);
          print(`session ${options.session} ended`);
        } else {
          print(`${await context.store.endSessionsOf(name!)} session(s) of ${name} ended`);
        }
      } finally {
        await context.store.close();
      }
    });
}
