import { isRole, type Role } from '../domain/role.js';
import type { Instant } from '../domain/time.js';
import type { SqlDriver } from './sql/driver.js';
import type { User, UserStore } from './store.js';

interface UserRow {
  name: string;
  role: string;
  display_name: string | null;
  password_hash: string;
  created_at: number;
  disabled: number;
}

function userOf(row: UserRow): User {
  return {
    name: row.name,
    role: isRole(row.role) ? row.role : 'agent',
    ...(row.display_name !== null ? { displayName: row.display_name } : {}),
    createdAt: Number(row.created_at),
    disabled: Number(row.disabled) !== 0,
  };
}

/** UserRepository keeps users, sessions and API tokens; secrets are only ever stored hashed. */
export class UserRepository implements UserStore {
  constructor(protected readonly db: SqlDriver) {}

  async addUser(user: User, passwordHash: string): Promise<boolean> {
    const changed = await this.db.run(
      'INSERT INTO users (name, role, display_name, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
      [user.name, user.role, user.displayName ?? null, passwordHash, user.createdAt, user.disabled ? 1 : 0],
    );
    return changed > 0;
  }

  async setPassword(name: string, passwordHash: string): Promise<boolean> {
    return (await this.db.run('UPDATE users SET password_hash = ? WHERE name = ?', [passwordHash, name])) > 0;
  }

  async getUser(name: string): Promise<(User & { passwordHash: string }) | undefined> {
    const rows = await this.db.all<UserRow>('SELECT * FROM users WHERE name = ?', [name]);
    return rows[0] ? { ...userOf(rows[0]), passwordHash: rows[0].password_hash } : undefined;
  }

  async listUsers(): Promise<User[]> {
    return (await this.db.all<UserRow>('SELECT * FROM users ORDER BY name')).map(userOf);
  }

  async countUsers(): Promise<number> {
    const rows = await this.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM users');
    return Number(rows[0]?.n ?? 0);
  }

  async createSession(tokenHash: string, userName: string, now: Instant, expiresAt: Instant): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE expires_at < ?', [now]);
    await this.db.run('INSERT INTO sessions (token_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)', [tokenHash, userName, now, expiresAt]);
  }

  async sessionUser(tokenHash: string, now: Instant): Promise<User | undefined> {
    const rows = await this.db.all<UserRow>(
      'SELECT u.* FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0',
      [tokenHash, now],
    );
    return rows[0] ? userOf(rows[0]) : undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
  }

  async createApiToken(tokenHash: string, name: string, role: Role, now: Instant): Promise<boolean> {
    const changed = await this.db.run(
      'INSERT INTO api_tokens (token_hash, name, role, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
      [tokenHash, name, role, now],
    );
    return changed > 0;
  }

  async apiTokenRole(tokenHash: string, now: Instant): Promise<{ name: string; role: Role } | undefined> {
    const rows = await this.db.all<{ name: string; role: string }>('SELECT name, role FROM api_tokens WHERE token_hash = ?', [tokenHash]);
    const row = rows[0];
    if (!row || !isRole(row.role)) return undefined;
    await this.db.run('UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?', [now, tokenHash]);
    return { name: row.name, role: row.role };
  }
}
