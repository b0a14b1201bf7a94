import type { PlaybookItemKind } from '../config/policy/policy-vocabulary.js';
import type { Playbook, PlaybookItem } from '../config/policy/playbooks-schema.js';
import type { Bilingual } from '../domain/finding.js';
import type { ResponsePolicy } from './policy.js';

export { DEFAULT_PLAYBOOKS } from '../config/policy/default-playbooks.js';
export type { Playbook, PlaybookItem };

/** ChecklistStep is one playbook item as an incident starts with it: not done yet. */
export interface ChecklistStep {
  readonly id: string;
  readonly kind: PlaybookItemKind;
  readonly label: Bilingual;
  readonly template?: string;
  readonly done: false;
}

/** playbookOf is the playbook of that id, or undefined when the policy has none (a validated policy has every playbook its rules name). */
export function playbookOf(policy: Pick<ResponsePolicy, 'playbooks'>, id: string): Playbook | undefined {
  return Object.hasOwn(policy.playbooks, id) ? policy.playbooks[id] : undefined;
}

/** checklistOf is the checklist an incident with that playbook starts with, every step open; it throws on an unknown playbook. */
export function checklistOf(policy: Pick<ResponsePolicy, 'playbooks'>, playbookId: string): readonly ChecklistStep[] {
  const playbook = playbookOf(policy, playbookId);
  if (playbook === undefined) throw new Error(`checklistOf: no playbook "${playbookId}" (known: ${Object.keys(policy.playbooks).join(', ')})`);
  return playbook.items.map((item) => ({
    id: item.id,
    kind: item.kind,
    label: { zh: item.zh, en: item.en },
    ...(item.template === undefined ? {} : { template: item.template }),
    done: false,
  }));
}
