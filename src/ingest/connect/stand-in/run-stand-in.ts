import { systemClock } from '../../../domain/time.js';
import { OrderBook } from './order-book.js';
import { shopifyStandIn } from './shopify-stand-in.js';
import { StandIn } from './stand-in-server.js';
import { taobaoStandIn } from './taobao-stand-in.js';

export const STAND_IN_PLATFORMS = ['taobao', 'shopify'] as const;

/** STAND_IN_CREDENTIALS are the stand-ins' own made-up credentials (they guard nothing: the server runs on this machine). */
export const STAND_IN_CREDENTIALS = {
  taobao: { appKey: '12345678', appSecret: 'stand-in-app-secret-0000', session: 'stand-in-session-0000' },
  shopify: { accessToken: 'shpat_stand_in_0000000000' },
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
  const handler = platform === 'taobao' ? taobaoStandIn(STAND_IN_CREDENTIALS.taobao) : shopifyStandIn(STAND_IN_CREDENTIALS.shopify.accessToken);
  const standIn = new StandIn(handler, book, systemClock);
  const url = await standIn.listen(options.port);
  const timer =
    options.changeEvery !== undefined && options.orders > 0
      ? setInterval(() => {
          book.change(String(1_000_000 + Math.floor(Math.random() * options.orders)), systemClock.now());
        }, options.changeEvery * 1000)
      : undefined;
  const shop =
    platform === 'taobao'
      ? [`  - name: stand-in-taobao`, `    platform: taobao`, `    appKey: "${STAND_IN_CREDENTIALS.taobao.appKey}"`, `    appSecret: env:STANDIN_TAOBAO_SECRET`, `    accessToken: env:STANDIN_TAOBAO_SESSION`, `    baseUrl: ${url}/router/rest`, `    backfill: ${options.days}d`]
      : [`  - name: stand-in-shopify`, `    platform: shopify`, `    shopDomain: stand-in.myshopify.com`, `    accessToken: env:STANDIN_SHOPIFY_TOKEN`, `    baseUrl: ${url}`, `    backfill: ${options.days}d`];
  const env =
    platform === 'taobao'
      ? [`export STANDIN_TAOBAO_SECRET=${STAND_IN_CREDENTIALS.taobao.appSecret}`, `export STANDIN_TAOBAO_SESSION=${STAND_IN_CREDENTIALS.taobao.session}`]
      : [`export STANDIN_SHOPIFY_TOKEN=${STAND_IN_CREDENTIALS.shopify.accessToken}`];
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
