import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ImportSummary } from '../../domain/ingest-result.js';
import { z } from 'zod';
import type { Settings } from '../../config/settings.js';
import type { Clock } from '../../domain/time.js';
import { CHANNEL_ADAPTERS, PAYLOAD_CHANNELS } from '../../ingest/channels.js';
import { importRecords, type IngestSink } from '../../ingest/import-records.js';
import { kuaidi100Adapter } from '../../ingest/kuaidi100/index.js';
import { verifyShopifyHmac } from '../../ingest/shopify/index.js';
import type { UserStore } from '../../store/store.js';
import { tokenHash, verifyHmacSignature } from '../auth/tokens.js';
import { RAW_ONLY, rawBodyOf } from '../body-parsers.js';
import { IngestBodyError, IngestBusy, type IngestWriter } from '../ingest-writer-port.js';
import { HttpError, type RouteRegistry } from '../route-registry.js';
import type { IngestMetrics } from '../metrics.js';

const ImportSummarySchema = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ record: z.number().int(), field: z.string(), message: z.string() })),
});

interface IngestDeps {
  readonly sink: IngestSink;
  readonly users: UserStore;
  readonly clock: Clock;
  readonly settings: Settings;
  readonly metrics: IngestMetrics;
  /** Called after records landed, so detection judges them at once. */
  readonly onIngested?: () => void;
  /** Where bodies are parsed and written when the server runs a writer thread. */
  readonly writer?: IngestWriter;
}

/**
 * authorised accepts a signed request (HMAC-SHA256 of the raw body with the
 * channel's secret; Shopify's own header for Shopify) or an API token of an
 * integration or admin. Anything else is refused before the body is read.
 */
async function authorised(request: FastifyRequest, channel: string, deps: IngestDeps): Promise<void> {
  const secrets = deps.settings.ingest.secrets as Record<string, string | undefined>;
  const secret = secrets[channel];
  const raw = rawBodyOf(request);
  const shopifyHeader = request.headers['x-shopify-hmac-sha256'];
  if (channel === 'shopify' && typeof shopifyHeader === 'string') {
    if (secret && verifyShopifyHmac(raw, shopifyHeader, secret)) return;
    throw new HttpError(401, 'X-Shopify-Hmac-SHA256 does not match the body (check ingest.secrets.shopify)');
  }
  const signature = request.headers['x-orderwatch-signature'];
  if (typeof signature === 'string') {
    if (!secret) throw new HttpError(401, `no ingest secret is configured for ${channel} (ingest.secrets.${channel})`);
    if (verifyHmacSignature(raw, signature, secret)) return;
    throw new HttpError(401, 'X-Orderwatch-Signature does not match the body');
  }
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const token = await deps.users.apiTokenRole(tokenHash(auth.slice(7).trim()), deps.clock.now());
    if (token && (token.role === 'integration' || token.role === 'admin')) return;
    throw new HttpError(401, 'the API token is unknown or may not ingest');
  }
  throw new HttpError(401, 'sign the body (X-Orderwatch-Signature: sha256=<hex>) or send an integration API token');
}

/** viaWriter hands the exact body to the writer thread and answers its summary; a full writer is a 503 with Retry-After. */
async function viaWriter(writer: IngestWriter, channel: string, raw: Buffer, receivedAt: number, reply: FastifyReply): Promise<ImportSummary> {
  try {
    return await writer.importRaw(channel, raw, receivedAt);
  } catch (error) {
    if (error instanceof IngestBusy) {
      void reply.header('retry-after', '1');
      throw new HttpError(503, `busy: ${error.message}; send again in a second`);
    }
    if (error instanceof IngestBodyError) throw new HttpError(error.status, error.message);
    throw error;
  }
}

/** registerIngestRoutes adds the per-channel ingest endpoints and the Kuaidi100 logistics callback. */
export function registerIngestRoutes(routes: RouteRegistry, deps: IngestDeps): void {
  routes.add(
    {
      method: 'POST',
      url: '/api/v1/ingest/:channel',
      summary: "Ingest a channel's native payload (one record, an array, or a wrapped API response); per-record results",
      tag: 'ingest',
      access: 'signed',
      params: z.object({ channel: z.enum(PAYLOAD_CHANNELS) }),
      body: z.unknown(),
      response: ImportSummarySchema,
    },
    async ({ params, body, request, reply }) => {
      await authorised(request, params.channel, deps);
      if (body === undefined) throw new HttpError(400, 'the request body is empty: send JSON');
      const summary = body === RAW_ONLY && deps.writer ? await viaWriter(deps.writer, params.channel, rawBodyOf(request), deps.clock.now(), reply) : await importRecords([{ value: body }], CHANNEL_ADAPTERS[params.channel], deps.sink, { receivedAt: deps.clock.now() });
      deps.metrics.recordImport(params.channel, summary);
      if (summary.accepted > 0) deps.onIngested?.();
      return summary;
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/ingest-logistics/kuaidi100',
      summary: 'Kuaidi100 logistics push (form fields param and sign = md5(param + salt))',
      tag: 'ingest',
      access: 'signed',
      body: z.object({ param: z.string().min(1).max(4_000_000), sign: z.string().optional() }),
    },
    async ({ body }) => {
      const salt = deps.settings.ingest.kuaidi100Salt;
      if (!salt) throw new HttpError(401, 'ingest.kuaidi100Salt is not configured');
      if (!kuaidi100Adapter.verify(body.param, body.sign, salt)) return kuaidi100Adapter.reply(false, 'sign mismatch');
      let param: unknown;
      try {
        param = JSON.parse(body.param);
      } catch {
        return kuaidi100Adapter.reply(false, 'param is not JSON');
      }
      const receivedAt = deps.clock.now();
      const summary = await importRecords([{ value: param }], { normalise: (p) => kuaidi100Adapter.parse(p, receivedAt) }, deps.sink, { receivedAt });
      deps.metrics.recordImport('kuaidi100', summary);
      if (summary.accepted > 0) deps.onIngested?.();
      const first = summary.errors[0];
      return kuaidi100Adapter.reply(summary.rejected === 0, first ? `${first.field}: ${first.message}` : 'ok');
    },
  );
}
