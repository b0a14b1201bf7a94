import type { ChannelAdapter } from '../adapter.js';
import { normaliseTaobaoTrade } from './normalise.js';
import { splitTaobaoDocument } from './split.js';

/** taobaoAdapter reads Taobao / Tmall TOP trades (trades.sold.get, trade.fullinfo.get, trade.get). */
export const taobaoAdapter: ChannelAdapter = {
  channel: 'taobao',
  split: splitTaobaoDocument,
  normalise: normaliseTaobaoTrade,
};

export { normaliseTaobaoTrade } from './normalise.js';
export { splitTaobaoDocument } from './split.js';
export { TAOBAO_TRADE_STAGES, taobaoStageOf } from './status.js';
