import { describe, expect, it } from 'vitest';
import { INCIDENT_STATES } from '../domain/incident.js';
import { ROLES } from '../domain/role.js';
import { QUEUE_SORTS, QUEUE_TABS } from '../store/response-store.js';
import { ACTION_ROLES, COMPENSATION_KINDS, GRADES, LEVELS, RESPONSE_LABELS, SCOPES, TEMPLATE_VARIABLES } from './index.js';

describe('RESPONSE_LABELS', () => {
  it.each([
    ['actions', [...Object.keys(ACTION_ROLES), 'check', 'compensate', 'decide_compensation', 'rate', 'comment']],
    ['states', INCIDENT_STATES],
    ['tabs', QUEUE_TABS],
    ['sorts', QUEUE_SORTS],
    ['levels', LEVELS.map(String)],
    ['grades', GRADES],
    ['scopes', SCOPES],
    ['roles', ROLES],
    ['compensationKinds', COMPENSATION_KINDS],
    ['scriptVariables', TEMPLATE_VARIABLES],
  ] as const)('puts every %s code into words in both languages', (group, codes) => {
    for (const code of codes) {
      const label = RESPONSE_LABELS[group]?.[code];
      expect(label, `${group}.${code}`).toBeDefined();
      expect(label!.zh.trim()).not.toBe('');
      expect(label!.en.trim()).not.toBe('');
      expect(label!.zh).not.toBe(code);
    }
  });
});
