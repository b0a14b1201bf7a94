import { parseKuaidi100Push } from './kuaidi100-push.js';
import { kuaidi100Reply, verifyKuaidi100Sign } from './kuaidi100-sign.js';

/**
 * kuaidi100Adapter gathers the logistics push's three steps for the callback
 * route: verify the sign of the raw `param` field, parse it into logistics
 * events, and build the reply. It is not a ChannelAdapter: a push carries
 * track events, never orders.
 */
export const kuaidi100Adapter = {
  source: 'kuaidi100',
  verify: verifyKuaidi100Sign,
  parse: parseKuaidi100Push,
  reply: kuaidi100Reply,
} as const;

export { KUAIDI100_PUSH_STATUSES, KUAIDI100_SOURCE, parseKuaidi100Push } from './kuaidi100-push.js';
export { kuaidi100Reply, verifyKuaidi100Sign, type Kuaidi100Reply } from './kuaidi100-sign.js';
export { KUAIDI100_STATES, KUAIDI100_STATUS_TEXTS, kuaidi100State, kuaidi100StatusText } from './kuaidi100-states.js';
export { KUAIDI100_COMPANIES, KUAIDI100_PHONE_COMPANIES, kuaidi100Company } from './kuaidi100-companies.js';
export { KUAIDI100_POLL_URL, KUAIDI100_RETURN_CODES, subscribeKuaidi100, subscriptionForm, type Kuaidi100Account, type Kuaidi100Waybill, type SubscribeOutcome } from './kuaidi100-subscribe.js';
