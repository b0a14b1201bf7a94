import { createContext, useContext } from 'react';

/** Me is the signed-in user as GET /auth/me answers. */
export interface Me {
  readonly name: string;
  readonly role: string;
  readonly roleName: string;
}

export const SessionContext = createContext<{ me: Me; signOut(): void } | undefined>(undefined);

/** useMe is the signed-in user (pages render only when there is one). */
export function useMe(): Me {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useMe outside a session');
  return session.me;
}

/** MANAGERS may see rules, receivers and the backtest. */
export const MANAGERS: readonly string[] = ['supervisor', 'ops_manager', 'executive', 'admin'];

/** canSee tells whether a role may open a console section. */
export function canSee(role: string, section: 'dashboard' | 'incidents' | 'search' | 'reports' | 'rules' | 'admin'): boolean {
  if (section === 'rules') return MANAGERS.includes(role);
  if (section === 'admin') return role === 'admin';
  return true;
}
