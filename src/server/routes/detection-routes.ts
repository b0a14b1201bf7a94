import { z } from 'zod';
import { FINDING_CODES } from '../../domain/finding.js';
import { parseInstant, type Clock, type Instant } from '../../domain/time.js';
import type { DetectionStore } from '../../store/detection-store.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import { toWire } from '../wire.js';

/** Scanner is the detection use case the server calls (composed in src/app). */
export interface Scanner {
  scan(at: Instant): Promise<unknown>;
}

/** registerDetectionRoutes adds scanning and the findings list. */
export function registerDetectionRoutes(routes: RouteRegistry, deps: { detection: DetectionStore; scanner?: Scanner; clock: Clock }): void {
  routes.add(
    {
      method: 'POST',
      url: '/api/v1/scan',
      summary: 'Judge every open order as of a time (default now); findings are stored',
      tag: 'detection',
      access: ['admin'],
      body: z.object({ at: z.string().optional() }).strict().optional(),
    },
    async ({ body }) => {
      if (!deps.scanner) throw new HttpError(503, 'detection is not running in this server');
      let at = deps.clock.now();
      if (body?.at !== undefined) {
        const parsed = parseInstant(body.at);
        if (parsed === undefined) throw new HttpError(400, 'at must be an ISO-8601 time like 2026-11-16T09:00:00+08:00');
        at = parsed;
      }
      return toWire({ at, ...(await deps.scanner.scan(at) as object) });
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
