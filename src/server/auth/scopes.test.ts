import { describe, expect, it } from 'vitest';
import { tokenScopeOf } from './scopes.js';

describe('tokenScopeOf', () => {
  const cases: Array<[string, { method: string; tag: string; access: unknown }, string | undefined]> = [
    ['signed ingest', { method: 'POST', tag: 'ingest', access: 'signed' }, 'ingest'],
    ['reading orders', { method: 'GET', tag: 'orders', access: 'any-user' }, 'orders:read'],
    ['reading incidents', { method: 'GET', tag: 'incidents', access: 'any-user' }, 'incidents:read'],
    ['reading reports', { method: 'GET', tag: 'reports', access: 'any-user' }, 'reports:read'],
    ['acting on an incident', { method: 'POST', tag: 'incidents', access: 'any-user' }, undefined],
    ['administration', { method: 'GET', tag: 'admin', access: ['admin'] }, undefined],
  ];
  it.each(cases)('%s', (_name, route, scope) => {
    expect(tokenScopeOf(route)).toBe(scope);
  });
});
