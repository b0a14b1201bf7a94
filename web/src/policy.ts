import type { Bilingual } from './i18n';
import { useApi } from './use-api';

/** Policy is GET /policy: what the console needs of the policy in effect (the rest is shown raw on the rules page). */
export interface Policy {
  readonly receiverNames: Array<{ name: string; type: string }>;
  readonly receivers?: Array<Record<string, unknown>>;
  readonly routes?: Array<Record<string, unknown>>;
  readonly templates: Record<string, { subject?: Bilingual } & Record<string, unknown>>;
  readonly playbooks: Record<string, { title: Bilingual; items: Array<{ id: string; kind?: string; zh: string; en: string; template?: string }> }>;
  readonly rootCauses: Record<'system' | 'human' | 'external' | 'notAbnormal', Array<{ id: string; zh: string; en: string }>> & { falseAlarm: string[] };
  readonly compensation: { approvalChain: string[]; limitsFen: Record<string, Record<string, number | 'unlimited'>> };
  readonly grading: { rules: Array<{ name: string; match: Record<string, unknown>; then: { grade: string; level: number; ownerRole: string; respondWithin: number; responseClock: string; resolveWithin: number; playbook: string; notifyCustomer: boolean } }> } & Record<string, unknown>;
  readonly [section: string]: unknown;
}

let cached: Policy | undefined;

/** usePolicy reads the policy once per page load (it changes only when the file does). */
export function usePolicy(): Policy | undefined {
  const loaded = useApi<Policy>(cached ? undefined : '/policy');
  if (loaded.data) cached = loaded.data;
  return cached ?? loaded.data;
}
