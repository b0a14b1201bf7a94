import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ImportSummary } from '../../domain/ingest-result.js';
import { z } from 'zod';
import type { Settings } from '../../config/settings.js';
import type { Clock } from '../../domain/time.js';
import { CHANNEL_ADAPTERS, PAYLOAD_CHANNELS } from '../../ingest/channels.js';
import { importRecords, type IngestSink } from '../../ingest/import-records.js';
import { kuaidi100Adapter } from '../../ingest/kuaidi100/index.js';
import { verifyShopifyHmac } from '../../ingest/shopify/index.js';
import { IngestSecrets } from '../auth/ingest-secrets.js';
import { verifyHmacSignature } from '../auth/tokens.js';
import { parseJsonBody, rawBodyOf } from '../body-parsers.js';
import { IngestBodyError, IngestBusy, type IngestWriter } from '../ingest-writer-port.js';
import { HttpError, senderVerified, type RouteRegistry } from '../route-registry.js';
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
  readonly clock: Clock;
  /** The settings in effect (read at each request: a reload applies new secrets at once). */
  readonly settings: () => Settings;
  /** Largest ingest body in bytes (server.bodyLimit at start). */
  readonly bodyLimit: number;
  readonly metrics: IngestMetrics;
  /** Called after records landed (with how many), so detection judges them at once. */
  readonly onIngested?: (orders: number) => void;
  /** Where bodies are parsed and written when the server runs a writer thread. */
  readonly writer?: IngestWriter;
}

/** KUAIDI100_BODY_LIMIT bounds a logistics push: a track of a few hundred lines is tens of kilobytes. */
const KUAIDI100_BODY_LIMIT = 1024 * 1024;

/**
 * checkTimestamp enforces ingest.signatureMaxAge: the request's
 * X-Orderwatch-Timestamp (unix seconds) must be that recent, and is then
 * part of what is signed. Undefined when freshness is not required.
 */
function checkTimestamp(request: FastifyRequest, settings: Settings, now: number): string | undefined {
  const maxAge = settings.ingest.signatureMaxAge;
  if (maxAge === undefined) return undefined;
  const header = request.headers['x-orderwatch-timestamp'];
  if (typeof header !== 'string' || !/^\d{9,11}$/.test(header.trim())) {
    throw new HttpError(401, 'X-Orderwatch-Timestamp (unix seconds) is required and signed with the body: sign "<timestamp>.<body>"');
  }
  const age = Math.abs(now - Number(header.trim()) * 1000);
  if (age > maxAge) throw new HttpError(401, `X-Orderwatch-Timestamp is ${Math.round(age / 1000)} s away from the server's time (at most ${Math.round(maxAge / 1000)} s)`);
  return header.trim();
}

/**
 * authorised accepts a request the route guard let in with an API token of
 * the ingest scope, or one signed with a secret of the channel in effect:
 * HMAC-SHA256 of the raw body (with its timestamp when freshness is
 * required), or Shopify's own header for Shopify.
 */
function authorised(request: FastifyRequest, channel: string, secrets: IngestSecrets, deps: IngestDeps, tokenHolder: boolean): void {
  if (tokenHolder) return;
  const candidates = secrets.secretsOf(channel);
  const raw = rawBodyOf(request);
  const shopifyHeader = request.headers['x-shopify-hmac-sha256'];
  if (channel === 'shopify' && typeof shopifyHeader === 'string') {
    if (candidates.some((secret) => verifyShopifyHmac(raw, shopifyHeader, secret))) return;
    throw new HttpError(401, 'X-Shopify-Hmac-SHA256 does not match the body (check ingest.secrets.shopify)');
  }
  const signature = request.headers['x-orderwatch-signature'];
  if (typeof signature === 'string') {
    if (candidates.length === 0) throw new HttpError(401, `no ingest secret is configured for ${channel} (ingest.secrets.${channel})`);
    const timestamp = checkTimestamp(request, deps.settings(), deps.clock.now());
    if (candidates.some((secret) => verifyHmacSignature(raw, signature, secret, timestamp))) return;
    throw new HttpError(401, 'X-Orderwatch-Signature does not match the body');
  }
  throw new HttpError(401, 'sign the body (X-Orderwatch-Signature: sha256=<hex>) or send an API token with the ingest scope');
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

/**
 * registerIngestRoutes adds the per-channel ingest endpoints and the
 * Kuaidi100 logistics callback. Secrets are read from the settings in
 * effect at each request, with the overlap of IngestSecrets.
 */
export function registerIngestRoutes(routes: RouteRegistry, deps: IngestDeps): void {
  const secrets = new IngestSecrets(deps.settings, deps.clock);

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/ingest/:channel',
      summary: "Ingest a channel's native payload (one record, an array, or a wrapped API response); per-record results",
      tag: 'ingest',
      access: 'signed',
      signatureHeaders: ['x-orderwatch-signature', 'x-shopify-hmac-sha256'],
      bodyLimit: deps.bodyLimit,
      deferParsing: true,
      params: z.object({ channel: z.enum(PAYLOAD_CHANNELS) }),
      response: ImportSummarySchema,
    },
    async ({ params, request, principal, reply }) => {
      authorised(request, params.channel, secrets, deps, principal !== undefined);
      // The sender is known: its place among the bodies of unknown senders goes to the next request while the writer stores this one.
      senderVerified(request);
      // The signature holds: the body is read now — in the writer thread when serve runs one, so a peak's bodies never hold up this thread.
      const raw = rawBodyOf(request);
      if (raw.length === 0) throw new HttpError(400, 'the request body is empty: send JSON');
      const summary = deps.writer
        ? await viaWriter(deps.writer, params.channel, raw, deps.clock.now(), reply)
        : await importRecords([{ value: parseJsonBody(raw) }], CHANNEL_ADAPTERS[params.channel], deps.sink, { receivedAt: deps.clock.now() });
      deps.metrics.recordImport(params.channel, summary);
      if (summary.accepted > 0) deps.onIngested?.(summary.accepted);
      return summary;
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/api/v1/ingest-logistics/kuaidi100',
      summary: 'Kuaidi100 logistics push (form fields param and sign = md5(param + salt)); answers result:false only for what a retry can fix',
      tag: 'ingest',
      access: 'signed',
      bodyType: 'form',
      bodyLimit: KUAIDI100_BODY_LIMIT,
      body: z.object({ param: z.string().min(1).max(KUAIDI100_BODY_LIMIT), sign: z.string().optional() }),
    },
    async ({ body, request }) => {
      const salts = secrets.kuaidi100Salts();
      // Our configuration is missing: a retry after it is fixed can succeed, so Kuaidi100 should try again.
      if (salts.length === 0) throw new HttpError(401, 'ingest.kuaidi100Salt is not configured');
      // A push that can never be read (a sign that does not match, a param that is not JSON, records
      // refused) is acknowledged: Kuaidi100 would otherwise send it again and again. It is counted and logged here.
      if (!salts.some((salt) => kuaidi100Adapter.verify(body.param, body.sign, salt))) {
        deps.metrics.recordRefused('kuaidi100', 'signature');
        request.log.warn('kuaidi100 push refused: the sign does not match ingest.kuaidi100Salt (acknowledged so it is not resent)');
        return kuaidi100Adapter.reply(true, 'sign mismatch: ignored');
      }
      senderVerified(request);
      let param: unknown;
      try {
        param = JSON.parse(body.param);
      } catch {
        deps.metrics.recordRefused('kuaidi100', 'malformed');
        return kuaidi100Adapter.reply(true, 'param is not JSON: ignored');
      }
      const receivedAt = deps.clock.now();
      const summary = await importRecords([{ value: param }], { normalise: (p) => kuaidi100Adapter.parse(p, receivedAt) }, deps.sink, { receivedAt });
      deps.metrics.recordImport('kuaidi100', summary);
      if (summary.accepted > 0) deps.onIngested?.(summary.accepted);
      const first = summary.errors[0];
      return kuaidi100Adapter.reply(true, first ? `${first.field}: ${first.message}` : 'ok');
    },
  );
}
