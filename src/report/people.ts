import type { Role } from '../domain/role.js';
import type { User } from '../store/store.js';

/**
 * People turns the login names the audit trail records into the names
 * people know each other by (a user's `displayName`, else the login), and
 * says who holds a role, so a report names a person rather than `wang01`.
 */
export interface People {
  /** name is the display name of a login ("system" is 系统); an unknown login is shown as it is. */
  name(login: string | undefined): string;
  /** holders are the display names of the active users with a role. */
  holders(role: Role): readonly string[];
}

const MACHINES: Readonly<Record<string, string>> = { system: '系统', cli: '命令行', scan: '系统' };

/** peopleOf builds the directory from the store's users. */
export function peopleOf(users: readonly User[]): People {
  const byLogin = new Map(users.map((u) => [u.name, u.displayName?.trim() || u.name]));
  return {
    name: (login) => {
      if (login === undefined || login === '') return '—';
      return byLogin.get(login) ?? (Object.hasOwn(MACHINES, login) ? MACHINES[login]! : login);
    },
    holders: (role) => users.filter((u) => u.role === role && !u.disabled).map((u) => u.displayName?.trim() || u.name),
  };
}

/** NO_PEOPLE knows nobody (tests, or a store without users): logins are shown as they are. */
export const NO_PEOPLE: People = peopleOf([]);
