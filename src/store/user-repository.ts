import { isRole } from '../domain/role.js';
import type { Instant } from '../domain/time.js';
import type { SqlDriver } from './sql/driver.js';
import { LEGACY_TOKEN_GRACE_MS, type ApiTokenInfo, type NewApiToken, type NewSession, type SessionInfo, type SignInFailures, type User, type UserStore } from './store.js';

interface UserRow {
  name: string;
  role: string;
  display_name: string | null;
  password_hash: string;
  created_at: number;
  disabled: number;
}

interface SessionRow {
  id: string | null;
  user_name: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number | null;
  address: string | null;
  user_agent: string | null;
}

interface TokenRow {
  name: string;
  role: string;
  scopes: string | null;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
  created_by: string | null;
}

interface FailureRow {
  subject: string;
  failures: number;
  first_at: number;
  last_at: number;
  locked_until: number | null;
}

/** A session's last use is written at most this often: a request is not a write. */
const TOUCH_EVERY_MS = 60_000;

function userOf(row: UserRow): User {
  return {
    name: row.name,
    role: isRole(row.role) ? row.role : 'agent',
    ...(row.display_name !== null ? { displayName: row.display_name } : {}),
    createdAt: Number(row.created_at),
    disabled: Number(row.disabled) !== 0,
  };
}

function sessionOf(row: SessionRow): SessionInfo {
  return {
    id: row.id ?? '',
    userName: row.user_name,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    lastSeenAt: Number(row.last_seen_at ?? row.created_at),
    ...(row.address !== null ? { address: row.address } : {}),
    ...(row.user_agent !== null ? { userAgent: row.user_agent } : {}),
  };
}

function tokenOf(row: TokenRow): ApiTokenInfo | undefined {
  if (!isRole(row.role)) return undefined;
  return {
    name: row.name,
    role: row.role,
    scopes: (row.scopes ?? '').split(',').filter(Boolean),
    createdAt: Number(row.created_at),
    ...(row.expires_at !== null ? { expiresAt: Number(row.expires_at) } : {}),
    ...(row.last_used_at !== null ? { lastUsedAt: Number(row.last_used_at) } : {}),
    ...(row.revoked_at !== null ? { revokedAt: Number(row.revoked_at) } : {}),
    ...(row.created_by !== null ? { createdBy: row.created_by } : {}),
  };
}

function failuresOf(row: FailureRow): SignInFailures {
  return {
    subject: row.subject,
    failures: Number(row.failures),
    firstAt: Number(row.first_at),
    lastAt: Number(row.last_at),
    ...(row.locked_until !== null ? { lockedUntil: Number(row.locked_until) } : {}),
  };
}

const SESSION_COLUMNS = 's.id, s.user_name, s.created_at, s.expires_at, s.last_seen_at, s.address, s.user_agent';
const TOKEN_COLUMNS = 'name, role, scopes, created_at, expires_at, last_used_at, revoked_at, created_by';

/**
 * UserRepository keeps users, sessions, API tokens and failed sign-ins;
 * secrets are only ever stored hashed. Whatever ends a person's access
 * (a new password, disabling) ends their sessions in the same transaction.
 */
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
    return this.db.transaction(async (tx) => {
      const changed = await tx.run('UPDATE users SET password_hash = ? WHERE name = ?', [passwordHash, name]);
      if (changed > 0) await tx.run('DELETE FROM sessions WHERE user_name = ?', [name]);
      return changed > 0;
    });
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

  async setUserDisabled(name: string, disabled: boolean): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const changed = await tx.run('UPDATE users SET disabled = ? WHERE name = ?', [disabled ? 1 : 0, name]);
      if (changed > 0 && disabled) await tx.run('DELETE FROM sessions WHERE user_name = ?', [name]);
      return changed > 0;
    });
  }

  async createSession(session: NewSession): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE expires_at < ?', [session.createdAt]);
    await this.db.run('INSERT INTO sessions (token_hash, id, user_name, created_at, expires_at, last_seen_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      session.tokenHash,
      session.id,
      session.userName,
      session.createdAt,
      session.expiresAt,
      session.createdAt,
      session.address ?? null,
      session.userAgent?.slice(0, 300) ?? null,
    ]);
  }

  async sessionUser(tokenHash: string, now: Instant, idleSince?: Instant): Promise<{ user: User; session: SessionInfo } | undefined> {
    const rows = await this.db.all<UserRow & { s_id: string | null; s_created_at: number; s_expires_at: number; last_seen_at: number | null; address: string | null; user_agent: string | null }>(
      `SELECT u.*, s.id AS s_id, s.created_at AS s_created_at, s.expires_at AS s_expires_at, s.last_seen_at, s.address, s.user_agent
         FROM sessions s JOIN users u ON u.name = s.user_name
        WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0 AND COALESCE(s.last_seen_at, s.created_at) >= ?`,
      [tokenHash, now, idleSince ?? 0],
    );
    const row = rows[0];
    if (!row) return undefined;
    const session = sessionOf({ id: row.s_id, user_name: row.name, created_at: row.s_created_at, expires_at: row.s_expires_at, last_seen_at: row.last_seen_at, address: row.address, user_agent: row.user_agent });
    return { user: userOf(row), session };
  }

  async touchSession(tokenHash: string, now: Instant, lastSeenAt?: Instant): Promise<void> {
    // Decided here, not only in the statement: on SQLite an UPDATE that changes nothing still takes the write
    // lock, and every signed-in request then queued behind the ingest writer's transactions during a burst.
    if (lastSeenAt !== undefined && lastSeenAt >= now - TOUCH_EVERY_MS) return;
    await this.db.run('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND COALESCE(last_seen_at, 0) < ?', [now, tokenHash, now - TOUCH_EVERY_MS]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
  }

  async listSessions(now: Instant, userName?: string): Promise<SessionInfo[]> {
    const rows = await this.db.all<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.expires_at > ?${userName !== undefined ? ' AND s.user_name = ?' : ''} ORDER BY s.created_at DESC LIMIT 1000`,
      userName !== undefined ? [now, userName] : [now],
    );
    return rows.map(sessionOf);
  }

  async revokeSession(id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM sessions WHERE id = ?', [id])) > 0;
  }

  async endSessionsOf(userName: string): Promise<number> {
    return this.db.run('DELETE FROM sessions WHERE user_name = ?', [userName]);
  }

  async createApiToken(token: NewApiToken, now: Instant): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // A revoked or expired token leaves its name free for a new one; a live one keeps it.
      await tx.run('DELETE FROM api_tokens WHERE name = ? AND (revoked_at IS NOT NULL OR (expires_at IS NOT NULL AND expires_at <= ?))', [token.name, now]);
      const changed = await tx.run(
        'INSERT INTO api_tokens (token_hash, name, role, scopes, created_at, expires_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
        [token.tokenHash, token.name, token.role, token.scopes.join(','), token.createdAt, token.expiresAt, token.createdBy ?? null],
      );
      return changed > 0;
    });
  }

  async apiToken(tokenHash: string, now: Instant): Promise<ApiTokenInfo | undefined> {
    const rows = await this.db.all<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`, [tokenHash]);
    const row = rows[0];
    if (!row) return undefined;
    if (row.expires_at !== null && Number(row.expires_at) <= now) return undefined;
    if (row.expires_at === null) {
      row.expires_at = now + LEGACY_TOKEN_GRACE_MS;
      await this.db.run('UPDATE api_tokens SET expires_at = ? WHERE token_hash = ? AND expires_at IS NULL', [row.expires_at, tokenHash]);
    }
    if (row.last_used_at === null || Number(row.last_used_at) < now - TOUCH_EVERY_MS) {
      await this.db.run('UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?', [now, tokenHash]);
      row.last_used_at = now;
    }
    return tokenOf(row);
  }

  async listApiTokens(): Promise<ApiTokenInfo[]> {
    const rows = await this.db.all<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY name`);
    return rows.map(tokenOf).filter((t): t is ApiTokenInfo => t !== undefined);
  }

  async revokeApiToken(name: string, now: Instant): Promise<boolean> {
    return (await this.db.run('UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL', [now, name])) > 0;
  }

  async signInFailures(subjects: readonly string[]): Promise<SignInFailures[]> {
    if (subjects.length === 0) return [];
    const rows = await this.db.all<FailureRow>(`SELECT * FROM sign_in_failures WHERE subject IN (${subjects.map(() => '?').join(',')})`, subjects);
    return rows.map(failuresOf);
  }

  async recordSignInFailure(subject: string, now: Instant, windowMs: number): Promise<SignInFailures> {
    const rows = await this.db.all<FailureRow>(
      `INSERT INTO sign_in_failures (subject, failures, first_at, last_at) VALUES (?, 1, ?, ?)
       ON CONFLICT (subject) DO UPDATE SET
         failures = CASE WHEN sign_in_failures.first_at < ? THEN 1 ELSE sign_in_failures.failures + 1 END,
         first_at = CASE WHEN sign_in_failures.first_at < ? THEN excluded.first_at ELSE sign_in_failures.first_at END,
         last_at = excluded.last_at
       RETURNING *`,
      [subject, now, now, now - windowMs, now - windowMs],
    );
    return failuresOf(rows[0]!);
  }

  async lockSignIn(subject: string, until: Instant): Promise<void> {
    await this.db.run('UPDATE sign_in_failures SET locked_until = ? WHERE subject = ?', [until, subject]);
  }

  async clearSignInFailures(subject: string): Promise<void> {
    await this.db.run('DELETE FROM sign_in_failures WHERE subject = ?', [subject]);
  }
}
