import { systemClock } from '../../../domain/time.js';
import { OrderBook } from './order-book.js';
import { douyinStandIn } from './douyin-stand-in.js';
import { jdStandIn } from './jd-stand-in.js';
import { pddStandIn } from './pdd-stand-in.js';
import { shopifyStandIn } from './shopify-stand-in.js';
import { StandIn } from './stand-in-server.js';
import { taobaoStandIn } from './taobao-stand-in.js';

export const STAND_IN_PLATFORMS = ['taobao', 'shopify', 'pdd', 'douyin', 'jd'] as const;

/** STAND_IN_CREDENTIALS are the stand-ins' own made-up credentials (they guard nothing: the server runs on this machine). */
export const STAND_IN_CREDENTIALS = {
  taobao: { appKey: '12345678', appSecret: 'stand-in-app-secret-0000', session: 'stand-in-session-0000' },
  shopify: { accessToken: 'shpat_stand_in_0000000000' },
  pdd: { clientId: 'stand-in-client-id', clientSecret: 'stand-in-client-secret-0000', accessToken: 'stand-in-pdd-token-0000' },
  douyin: { appKey: '7000000000000000000', appSecret: 'stand-in-douyin-secret-0000', accessToken: 'stand-in-douyin-token-0000' },
  jd: { appKey: 'stand-in-jd-app-key', appSecret: 'stand-in-jd-secret-0000', accessToken: 'stand-in-jd-token-0000' },
} as const;

/**
 * startStandIn runs a platform stand-in on the system clock for a person
 * to try a shop set-up: it prints the settings to add and the environment
 * variables to set, and can advance an order every few seconds so the
 * sync has changes to find.
 */
export async function startStandIn(
  platform: (typeof STAND_IN_PLATFORMS)[number],
  options: { readonly port: number; readonly orders: number; readonly days: number; readonly changeEvery?: number },
): Promise<{ readonly instructions: string; stop(): Promise<void> }> {
  const now = systemClock.now();
  const book = OrderBook.filled(options.orders, now - options.days * 86_400_000, now - 1000);
  const c = STAND_IN_CREDENTIALS;
  const handler = { taobao: () => taobaoStandIn(c.taobao), shopify: () => shopifyStandIn(c.shopify.accessToken), pdd: () => pddStandIn(c.pdd), douyin: () => douyinStandIn(c.douyin), jd: () => jdStandIn(c.jd) }[platform]();
  const standIn = new StandIn(handler, book, systemClock);
  const url = await standIn.listen(options.port);
  const timer =
    options.changeEvery !== undefined && options.orders > 0
      ? setInterval(() => {
          book.change(String(1_000_000 + Math.floor(Math.random() * options.orders)), systemClock.now());
        }, options.changeEvery * 1000)
      : undefined;
  const upper = platform.toUpperCase();
  const keyed = (appKey: string, secret: string, token: string, baseUrl: string): { shop: string[]; env: string[] } => ({
    shop: [`  - name: stand-in-${platform}`, `    platform: ${platform}`, `    appKey: "${appKey}"`, `    appSecret: env:STANDIN_${upper}_SECRET`, `    accessToken: env:STANDIN_${upper}_TOKEN`, `    baseUrl: ${baseUrl}`, `    backfill: ${options.days}d`],
    env: [`export STANDIN_${upper}_SECRET=${secret}`, `export STANDIN_${upper}_TOKEN=${token}`],
  });
  const { shop, env } =
    platform === 'shopify'
      ? { shop: [`  - name: stand-in-shopify`, `    platform: shopify`, `    shopDomain: stand-in.myshopify.com`, `    accessToken: env:STANDIN_SHOPIFY_TOKEN`, `    baseUrl: ${url}`, `    backfill: ${options.days}d`], env: [`export STANDIN_SHOPIFY_TOKEN=${c.shopify.accessToken}`] }
      : platform === 'taobao'
        ? keyed(c.taobao.appKey, c.taobao.appSecret, c.taobao.session, `${url}/router/rest`)
        : platform === 'pdd'
          ? keyed(c.pdd.clientId, c.pdd.clientSecret, c.pdd.accessToken, `${url}/api/router`)
          : platform === 'jd'
            ? keyed(c.jd.appKey, c.jd.appSecret, c.jd.accessToken, `${url}/routerjson`)
            : keyed(c.douyin.appKey, c.douyin.appSecret, c.douyin.accessToken, url);
  const instructions = [
    `${platform} stand-in with ${options.orders} orders listening at ${url} (Ctrl-C to stop)`,
    '',
    'add to the settings file:',
    'shops:',
    ...shop,
    '',
    'and set (these are the stand-in’s made-up credentials):',
    ...env,
  ].join('\n');
  return {
    instructions,
    async stop() {
      if (timer) clearInterval(timer);
      await standIn.close();
    },
  };
}
