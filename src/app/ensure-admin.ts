import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../server/auth/password.js';
import type { AppContext } from './context.js';

/**
 * ensureAdmin creates the first administrator, `admin`, when nobody can
 * administer orderwatch yet (no user with the admin role: a fresh store, or
 * one that `orderwatch demo` filled with its staff, who sign in only after
 * an admin sets their passwords), with the password from
 * ORDERWATCH_ADMIN_PASSWORD or a generated one, and returns the password so
 * the caller can tell the person starting the server.
 */
export async function ensureAdmin(context: AppContext): Promise<{ name: string; password: string; generated: boolean } | undefined> {
  if ((await context.store.listUsers()).some((u) => u.role === 'admin')) return undefined;
  if (await context.store.getUser('admin')) return undefined;
  const fromEnv = process.env.ORDERWATCH_ADMIN_PASSWORD;
  const password = fromEnv && fromEnv.length >= MIN_PASSWORD_LENGTH ? fromEnv : generatePassword();
  const created = await context.store.addUser({ name: 'admin', role: 'admin', displayName: '管理员', createdAt: context.clock.now(), disabled: false }, await hashPassword(password));
  return created ? { name: 'admin', password, generated: password !== fromEnv } : undefined;
}
