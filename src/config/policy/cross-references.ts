import type { Playbook } from './playbooks-schema.js';
import type { GradingRule } from './grading-schema.js';
import type { CustomerTemplate } from './templates-schema.js';

/** CrossReferenceIssue is a reference between sections that leads nowhere, located by its path. */
export interface CrossReferenceIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The parsed sections the cross references read; a section that did not parse is left out and its checks are skipped. */
export interface CrossReferencedSections {
  /** The receivers' names in file order (undefined where an entry has none). */
  readonly receiverNames?: readonly (string | undefined)[];
  /** Each route's `receivers` as written (entries that are not strings are skipped). */
  readonly routeReceivers?: readonly (readonly unknown[] | undefined)[];
  readonly grading?: { readonly rules: readonly GradingRule[] };
  readonly playbooks?: Readonly<Record<string, Playbook>>;
  readonly templates?: Readonly<Record<string, CustomerTemplate>>;
}

/**
 * crossReferenceIssues checks the names one section uses for another's
 * entries: receiver names are unique and every route names existing ones,
 * every grading rule's playbook exists, and every playbook item's template
 * exists. Only the checks whose sections are present run, so a file with a
 * broken receivers section still has its playbooks checked.
 */
export function crossReferenceIssues(s: CrossReferencedSections): CrossReferenceIssue[] {
  const issues: CrossReferenceIssue[] = [];
  if (s.receiverNames) {
    const first = new Map<string, number>();
    s.receiverNames.forEach((name, i) => {
      if (name === undefined) return;
      const j = first.get(name);
      if (j !== undefined) issues.push({ path: ['receivers', i, 'name'], message: `duplicate receiver name "${name}" (also receivers[${j}])` });
      else first.set(name, i);
    });
    if (s.routeReceivers) {
      s.routeReceivers.forEach((names, i) =>
        (names ?? []).forEach((name, j) => {
          if (typeof name === 'string' && !first.has(name)) issues.push({ path: ['routes', i, 'receivers', j], message: `no receiver named "${name}"` });
        }),
      );
    }
  }
  if (s.grading && s.playbooks) {
    const playbooks = s.playbooks;
    s.grading.rules.forEach((rule, i) => {
      if (!Object.hasOwn(playbooks, rule.then.playbook)) {
        issues.push({ path: ['grading', 'rules', i, 'then', 'playbook'], message: `no playbook named "${rule.then.playbook}"` });
      }
    });
  }
  if (s.playbooks && s.templates) {
    const templates = s.templates;
    for (const [id, playbook] of Object.entries(s.playbooks)) {
      playbook.items.forEach((item, i) => {
        if (item.template !== undefined && !Object.hasOwn(templates, item.template)) {
          issues.push({ path: ['playbooks', id, 'items', i, 'template'], message: `no template named "${item.template}"` });
        }
      });
    }
  }
  return issues;
}
