import type { Role } from '../../domain/role.js';

/** Principal is who is calling: a signed-in person or an API token. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
  readonly via: 'session' | 'token';
}
