import type { Role } from '../../domain/role.js';
import type { TokenScope } from './scopes.js';

/** Principal is who is calling: a signed-in person or an API token. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
  readonly via: 'session' | 'token';
  /** A token's scopes: what it may call (a session may call what its role allows). */
  readonly scopes?: readonly TokenScope[];
  /** A session's public id (for listing and revoking it). */
  readonly sessionId?: string;
  /** The CSRF token a browser must send with every state-changing request of this session. */
  readonly csrfToken?: string;
}
