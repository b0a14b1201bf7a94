import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** StandInSubscription is one subscription the stand-in read, as Kuaidi100 would: the form and its param. */
export interface StandInSubscription {
  readonly company: string;
  readonly number: string;
  readonly key: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** Kuaidi100Behaviour is how the stand-in answers one request: normally, with a given returnCode, HTTP 500, or never. */
export type Kuaidi100Behaviour = 'normal' | 'hang' | 'http-500' | { readonly returnCode: string; readonly message?: string };

/** Kuaidi100StandInOptions are the account the stand-in expects, and how it answers each tracking number. */
export interface Kuaidi100StandInOptions {
  readonly key: string;
  readonly callbackUrl: string;
  readonly salt: string;
  behaviour?: (waybill: StandInSubscription) => Kuaidi100Behaviour;
}

const PHONE_COMPANIES = new Set(['shunfeng', 'shunfengkuaiyun', 'zhongtong']);

/**
 * Kuaidi100StandIn plays Kuaidi100's subscription API (`POST /poll`) on a
 * local port, checking every request as the document describes, with its
 * own reading of it (not the client's code): a form body of exactly
 * `schema=json` and `param`; param JSON with a lower-case company, a number
 * of at most 32 characters, the account's key, and parameters with the
 * callback URL, the salt, resultv2 and, for 顺丰 and 中通, a phone. A
 * request that breaks a rule is answered 700 and kept in `refused` with
 * the rule; a number subscribed again is answered 501, as Kuaidi100 does
 * while it tracks it.
 */
export class Kuaidi100StandIn {
  /** Every subscription accepted (200), in order. */
  readonly subscribed: StandInSubscription[] = [];
  /** Requests refused for breaking a documented rule, with the rule. */
  readonly refused: string[] = [];
  requests = 0;
  private readonly tracking = new Set<string>();
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;

  constructor(readonly options: Kuaidi100StandInOptions) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.serve(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    return `http://${host}:${(server.address() as AddressInfo).port}/poll`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const res of this.hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.requests += 1;
    const read = this.read(req, Buffer.concat(chunks).toString('utf8'));
    if ('rule' in read) {
      this.refused.push(read.rule);
      return answer(res, { result: false, returnCode: '700', message: `stand-in: ${read.rule}` });
    }
    const behaviour = this.options.behaviour?.(read) ?? 'normal';
    if (behaviour === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (behaviour === 'http-500') {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
      return;
    }
    if (behaviour !== 'normal') return answer(res, { result: false, returnCode: behaviour.returnCode, message: behaviour.message ?? 'stand-in: scripted answer' });
    const id = `${read.company}/${read.number}`;
    if (this.tracking.has(id)) return answer(res, { result: false, returnCode: '501', message: 'POLL:重复订阅' });
    this.tracking.add(id);
    this.subscribed.push(read);
    return answer(res, { result: true, returnCode: '200', message: '提交成功' });
  }

  private read(req: IncomingMessage, body: string): StandInSubscription | { rule: string } {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/poll') return { rule: `${req.method} ${req.url}: only POST /poll` };
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return { rule: `content-type ${req.headers['content-type']}: a form is expected` };
    const form = new URLSearchParams(body);
    const names = [...new Set(form.keys())].sort();
    if (names.join(',') !== 'param,schema' || form.getAll('param').length !== 1) return { rule: `form fields ${names.join(',')}: exactly schema and param are expected` };
    if (form.get('schema') !== 'json') return { rule: `schema ${form.get('schema')}: "json" is expected` };
    let param: Record<string, unknown>;
    try {
      param = JSON.parse(form.get('param') ?? '') as Record<string, unknown>;
    } catch {
      return { rule: 'param is not JSON' };
    }
    const { company, number, key, parameters } = param as { company?: unknown; number?: unknown; key?: unknown; parameters?: Record<string, unknown> };
    if (typeof company !== 'string' || !/^[a-z0-9]+$/.test(company)) return { rule: `company ${JSON.stringify(company)}: a lower-case company code is expected` };
    if (typeof number !== 'string' || number === '' || number.length > 32) return { rule: `number ${JSON.stringify(number)}: 1 to 32 characters are expected` };
    if (key !== this.options.key) return { rule: 'key: not the account key' };
    if (typeof parameters !== 'object' || parameters === null) return { rule: 'parameters: an object is expected' };
    if (parameters['callbackurl'] !== this.options.callbackUrl) return { rule: `parameters.callbackurl ${JSON.stringify(parameters['callbackurl'])}: not the callback address set up` };
    if (parameters['salt'] !== this.options.salt) return { rule: 'parameters.salt: not the salt the callback verifies' };
    if (typeof parameters['resultv2'] !== 'string') return { rule: 'parameters.resultv2: a string is expected' };
    if (PHONE_COMPANIES.has(company) && (typeof parameters['phone'] !== 'string' || !/^\d{4,}$/.test(parameters['phone']))) return { rule: `parameters.phone: ${company} needs the phone (or its last four digits)` };
    return { company, number, key, parameters };
  }
}

function answer(res: ServerResponse, body: { result: boolean; returnCode: string; message: string }): void {
  res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
}
