import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../domain/time.js';
import type { OrderBook } from './order-book.js';

/**
 * Faults a stand-in injects, by request number (1-based, counting every
 * request): throttle, expire the session, fail with a 500, or break the
 * connection halfway through a page.
 */
export interface StandInFaults {
  throttle?: ReadonlySet<number>;
  /** From this request on, the session / access token is expired. */
  expireSessionFrom?: number;
  fail?: ReadonlySet<number>;
  breakMidPage?: ReadonlySet<number>;
}

/** StandInRequest is what a platform handler sees of one request. */
export interface StandInRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** 1-based number of this request. */
  readonly number: number;
  readonly throttle: boolean;
  readonly sessionExpired: boolean;
}

/** StandInAnswer is a handler's answer. */
export interface StandInAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** PlatformHandler answers one platform's API from an order book, verifying every request's signature as the platform does. */
export interface PlatformHandler {
  readonly platform: string;
  answer(request: StandInRequest, book: OrderBook, clock: Clock): StandInAnswer;
}

/** StandInStats counts what a stand-in saw: requests and rejected signatures. */
export interface StandInStats {
  requests: number;
  badSignatures: number;
}

/**
 * StandIn is a local HTTP server that plays a platform's order API over an
 * order book: it checks each signed request exactly as the platform
 * documents, serves pages, and injects the faults it is told to. Tests,
 * the bench and `orderwatch shops stand-in` run it.
 */
export class StandIn {
  readonly stats: StandInStats = { requests: 0, badSignatures: 0 };
  faults: StandInFaults = {};
  private server: Server | undefined;

  constructor(
    readonly handler: PlatformHandler,
    readonly book: OrderBook,
    private readonly clock: Clock,
  ) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.serve(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} is in use: choose another with --port` : `cannot listen on ${host}:${port}: ${error.message}`)));
      server.listen(port, host, resolve);
    });
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const number = ++this.stats.requests;
    if (this.faults.fail?.has(number)) {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"stand-in: injected failure"}');
      return;
    }
    const answer = this.handler.answer(
      {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://stand-in'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        number,
        throttle: this.faults.throttle?.has(number) ?? false,
        sessionExpired: this.faults.expireSessionFrom !== undefined && number >= this.faults.expireSessionFrom,
      },
      this.book,
      this.clock,
    );
    if (isSignatureFailure(answer.body)) this.stats.badSignatures += 1;
    const text = JSON.stringify(answer.body);
    if (this.faults.breakMidPage?.has(number)) {
      // Half a page, then the connection drops: the client must not take the half as a page.
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...answer.headers });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setImmediate(() => res.destroy());
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8', ...answer.headers }).end(text);
  }
}

/** SIGNATURE_FAILURE marks a stand-in answer that refused a signature, for the stats. */
export const SIGNATURE_FAILURE = Symbol.for('orderwatch.stand-in.bad-signature');

function isSignatureFailure(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<symbol, unknown>)[SIGNATURE_FAILURE] === true;
}
