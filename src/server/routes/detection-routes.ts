import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { FINDING_CODES } from '../../domain/finding.js';
import { parseInstant, toIso, type Clock } from '../../domain/time.js';
import type { DetectionStore } from '../../store/detection-store.js';
import type { WorkStore } from '../../store/work-store.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

/** registerDetectionRoutes adds scan requests and the findings list. */
export function registerDetectionRoutes(routes: RouteRegistry, deps: { detection: DetectionStore; work: WorkStore; clock: Clock; kick?: () => void }): void {
  routes.add(
    {
      method: 'POST',
      url: '/api/v1/scan',
      summary: 'Ask the background workers to judge every open order as of a time (default now); answers 202 with the request to follow at /api/v1/scans/{id}',
      tag: 'detection',
      access: ['admin'],
      body: z.object({ at: z.string().optional() }).strict().optional(),
    },
    async ({ body, principal, reply }) => {
      const now = deps.clock.now();
      let at = now;
      if (body?.at !== undefined) {
        const parsed = parseInstant(body.at);
        if (parsed === undefined) throw new HttpError(400, 'at must be an ISO-8601 time like 2026-11-16T09:00:00+08:00');
        at = parsed;
      }
      // A scan of every open order is minutes of work at a million orders: the request only asks for it.
      const id = `scan-${randomBytes(6).toString('hex')}`;
      await deps.work.requestWork({ id, kind: 'scan', requestedBy: principal?.name ?? 'unknown', requestedAt: now, params: { at } });
      deps.kick?.();
      void reply.status(202);
      return toWire({ id, state: 'queued', at: toIso(at), follow: `/api/v1/scans/${id}` });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/scans/:id',
      summary: 'A scan request: queued, running (with progress) or done (with what it judged and found)',
      tag: 'detection',
      access: ['admin', 'supervisor', 'ops_manager', 'executive'],
      params: z.object({ id: z.string().max(100) }),
    },
    async ({ params }) => {
      const request = await deps.work.workRequest(params.id);
      if (!request) throw new HttpError(404, `no scan request ${params.id}`);
      const at = request.params['at'];
      return toWire({ ...request, params: { ...request.params, ...(typeof at === 'number' ? { at: toIso(at) } : {}) } });
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/v1/findings',
      summary: 'Findings, open or resolved, by code',
      tag: 'detection',
      access: 'any-user',
      query: z.object({ status: z.enum(['open', 'resolved']).optional(), code: z.enum(FINDING_CODES).optional(), orderId: z.string().max(120).optional(), limit: z.coerce.number().int().min(1).max(5000).default(200) }).strict(),
    },
    async ({ query }) => {
      const findings = await deps.detection.findings({
        limit: query.limit,
        ...(query.status ? { status: query.status } : {}),
        ...(query.code ? { code: query.code } : {}),
        ...(query.orderId ? { orderId: query.orderId } : {}),
      });
      return toWire({ findings });
    },
  );
}
