// Starts the real server for the end-to-end tests: builds the console, loads
// a small demo business (10 days × 100 orders/day, about 15 s, instead of the
// full minute), adds a supervisor, an agent and an ops manager, serves it on a free port and
// waits until detection and the response engine have opened incidents.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/orderwatch.mjs');

/** E2E_USERS are the people the tests sign in as. */
export const E2E_USERS = { admin: 'e2e-admin-password', zhuguan: 'e2e-supervisor-pw', kefu: 'e2e-agent-password', jingli: 'e2e-opsmanager-pw' } as const;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'bin/build-console.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'ow-e2e-'));
  const db = join(dir, 'e2e.db');
  cli(['demo', '--db', db, '--days', '10', '--orders-per-day', '100', '--json']);
  cli(['user', 'add', 'admin', '--role', 'admin', '--password', E2E_USERS.admin, '--db', db]);
  cli(['user', 'add', 'zhuguan', '--role', 'supervisor', '--password', E2E_USERS.zhuguan, '--db', db]);
  cli(['user', 'add', 'kefu', '--role', 'agent', '--password', E2E_USERS.kefu, '--db', db]);
  cli(['user', 'add', 'jingli', '--role', 'ops_manager', '--password', E2E_USERS.jingli, '--db', db]);
  // The demo's people have handled its history by its end, so the cases the
  // jobs start from arrive now, as a shop's sync would bring them: two VIP
  // customers whose orders are six days past their promised shipping time
  // (grade A), with mobiles the scripts can be texted to: for each
  // viewport's supervisor, who closes one, and for the queue scenario, which
  // closes the first in the queue.
  const late = join(dir, 'late-vip.ndjson');
  const day = 86_400_000;
  const iso = (t: number): string => new Date(t).toISOString();
  writeFileSync(
    late,
    [1, 2, 3]
      .map((n) =>
        JSON.stringify({
          type: 'order',
          orderNo: `E2E-VIP-${n}`,
          placedAt: iso(Date.now() - 8 * day),
          paidAt: iso(Date.now() - 8 * day),
          promisedShipBy: iso(Date.now() - 6 * day),
          paidFen: 45900,
          customer: { id: `vip-${n}`, nick: `老会员${n}`, tier: 'vip' },
          receiver: { name: ['周明', '吴芳', '郑洁'][n - 1], phone: ['13912345671', '13698765432', '13755501234'][n - 1], province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路${100 + n}号` },
          items: [{ sku: `E2E-LAMP-${n}`, title: ['护眼台灯', '空气净化器', '电热水壶'][n - 1], quantity: 1, unitPriceFen: 45900 }],
        }),
      )
      .join('\n') + '\n',
  );
  cli(['import', '--channel', 'generic', late, '--db', db]);
  // Customer messages go out through receivers of the policy: an SMS and an
  // e-mail receiver that lead nowhere (the outbox queues; delivery fails
  // later, which the tests do not wait for).
  const policy = join(dir, 'policy.yaml');
  writeFileSync(
    policy,
    [
      'receivers:',
      '  - name: e2e-sms',
      '    type: sms',
      '    provider: aliyun',
      '    url: http://127.0.0.1:9/sms',
      '    accessKeyId: e2e',
      '    accessKeySecret: e2e',
      '    signName: 示例商城',
      '    templateCode: SMS_000000',
      '  - name: e2e-mail',
      '    type: email',
      '    smtp: { host: 127.0.0.1, port: 9 }',
      '    from: orderwatch <service@example.com>',
      '    to: [service@example.com]',
      // A new group's first notice waits 5 minutes in production; the late VIP orders should be incidents within the setup.
      'grouping:',
      '  wait: 5s',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const server = spawn(process.execPath, [CLI, 'serve', '--db', db, '--config', policy, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: false,
  });
  writeFileSync(join(dir, 'server.pid'), String(server.pid));
  const url = `http://127.0.0.1:${port}`;
  process.env.ORDERWATCH_E2E_URL = url;
  process.env.ORDERWATCH_E2E_DIR = dir;
  process.env.ORDERWATCH_E2E_PID = String(server.pid);
  // Up, signed in, and incidents opened by the first sweep. A failed setup stops the server too.
  process.once('exit', () => server.kill('SIGTERM'));
  const deadline = Date.now() + 90_000;
  let cookie = '';
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    if (Date.now() > deadline) {
      server.kill('SIGTERM');
      throw new Error(cookie ? 'the server did not open the late VIP orders\' incidents within 90 s' : 'cannot sign in as admin');
    }
    try {
      if (!cookie) {
        const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: E2E_USERS.admin }) });
        if (login.ok) cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      }
      if (cookie) {
        const r = await fetch(`${url}/api/v1/incidents?tab=all&q=E2E-VIP&limit=5`, { headers: { cookie } });
        if (r.ok && ((await r.json()) as { total: number }).total >= 3) break;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
