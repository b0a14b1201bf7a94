import { EXEMPTION_CODES, FINDING_CODES } from '../domain/finding.js';
import type { DetectionStore } from '../store/detection-store.js';

/** CodeScore is how well detection found one kind of injected trouble. */
export interface CodeScore {
  readonly code: string;
  readonly labelled: number;
  readonly found: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * scoreDemo compares what detection found (open findings and recorded
 * exemptions) with the demo business's ground-truth labels, per code:
 * precision = found and labelled / found, recall = found and labelled /
 * labelled. Run after a replay of the demo's history (DetectionService.replay).
 */
export async function scoreDemo(store: DetectionStore): Promise<CodeScore[]> {
  const truth = await store.groundTruth();
  const found = new Map<string, Set<string>>();
  const add = (code: string, orderId: string): void => void (found.get(code) ?? found.set(code, new Set()).get(code)!).add(orderId);
  // Every finding ever raised counts, also those resolved since: run after a replay.
  for (const f of await store.findings({ limit: 10_000_000 })) add(f.code, f.orderId);
  for (const e of await store.allExemptions()) add(e.code, e.orderId);
  const labelled = new Map<string, Set<string>>();
  for (const t of truth) (labelled.get(t.code) ?? labelled.set(t.code, new Set()).get(t.code)!).add(t.orderId);
  return [...FINDING_CODES, ...EXEMPTION_CODES].map((code) => {
    const f = found.get(code) ?? new Set<string>();
    const l = labelled.get(code) ?? new Set<string>();
    const tp = [...f].filter((id) => l.has(id)).length;
    return {
      code,
      labelled: l.size,
      found: f.size,
      truePositives: tp,
      precision: f.size === 0 ? (l.size === 0 ? 1 : 0) : tp / f.size,
      recall: l.size === 0 ? (f.size === 0 ? 1 : 0) : tp / l.size,
    };
  });
}
