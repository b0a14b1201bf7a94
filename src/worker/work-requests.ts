import type { Pipeline } from '../pipeline/build-pipeline.js';

const LEASE_MS = 120_000;
const PAGE = 2000;

/**
 * runWorkRequest takes the oldest request (or one whose worker died) and
 * does one page of it: a scan judges PAGE open orders after its cursor,
 * records progress, and finishes when no page is left. Returns whether
 * request work remains, so the loop goes on without resting.
 */
export async function runWorkRequest(pipeline: Pipeline, owner: string): Promise<boolean> {
  const store = pipeline.store.work;
  const now = pipeline.clock.now();
  const request = await store.claimWork(owner, now, LEASE_MS);
  if (!request) return false;
  const at = Number(request.params['at'] ?? now);
  const progress = request.progress ?? {};
  const after = typeof progress['after'] === 'string' ? progress['after'] : undefined;
  try {
    const page = await pipeline.detection.scanPage(at, after, PAGE);
    const next = {
      after: page.after ?? null,
      judged: Number(progress['judged'] ?? 0) + page.judged,
      opened: Number(progress['opened'] ?? 0) + page.opened,
      resolved: Number(progress['resolved'] ?? 0) + page.resolved,
      exemptions: Number(progress['exemptions'] ?? 0) + page.exemptions,
    };
    if (page.after === undefined) {
      await store.finishWork(request.id, owner, 'done', { at, ...next, openByCode: await pipeline.detection.openByCode() }, pipeline.clock.now());
      return false;
    }
    await store.progressWork(request.id, owner, next, pipeline.clock.now() + LEASE_MS);
    return true;
  } catch (error) {
    await store.finishWork(request.id, owner, 'failed', { error: error instanceof Error ? error.message : String(error) }, pipeline.clock.now());
    return false;
  }
}
