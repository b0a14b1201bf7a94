/** ROLES are the people who use orderwatch (SPEC "Who uses it"), plus `integration` for machine tokens. */
export const ROLES = ['agent', 'supervisor', 'ops_manager', 'warehouse', 'executive', 'admin', 'integration'] as const;

/** Role decides what a user may see and do. */
export type Role = (typeof ROLES)[number];

/** isRole narrows a string to a known role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** ROLE_NAMES_ZH are the Chinese names of the roles. */
export const ROLE_NAMES_ZH: Readonly<Record<Role, string>> = {
  agent: '客服',
  supervisor: '客服主管',
  ops_manager: '运营经理',
  warehouse: '仓储负责人',
  executive: '副总',
  admin: '管理员',
  integration: '系统集成',
};

/**
 * seesFullPhone tells whether a role needs customers' full phone numbers:
 * the people who call customers do; everyone else sees them masked.
 */
export function seesFullPhone(role: Role): boolean {
  return role === 'agent' || role === 'supervisor' || role === 'admin';
}
