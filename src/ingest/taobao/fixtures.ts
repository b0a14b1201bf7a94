/**
 * Invented TOP responses for the Taobao adapter's tests: names, numbers and
 * addresses are made up; the shapes follow taobao.trades.sold.get.
 */

/** STEP_PRESALE_TRADE is a paid deposit pre-sale (定金预售) with an agreed ship date and an emoji note. */
export const STEP_PRESALE_TRADE = {
  tid: '3921874561234567890',
  type: 'step',
  step_trade_status: 'FRONT_PAID_FINAL_PAID',
  step_paid_fee: '100.00',
  status: 'WAIT_SELLER_SEND_GOODS',
  created: '2026-10-21 20:05:11',
  pay_time: '2026-11-11 00:12:30',
  modified: '2026-11-11 00:12:35',
  est_con_time: '2026-11-20 23:59:59',
  payment: '498.00',
  total_fee: '598.00',
  post_fee: '0.00',
  buyer_nick: '小王爱购物',
  seller_nick: '山野果园旗舰店',
  seller_flag: 1,
  buyer_message: '请尽快发货🙏，谢谢！',
  receiver_name: '王小明',
  receiver_mobile: '13812345678',
  receiver_phone: '0571-88886666',
  receiver_state: '浙江省',
  receiver_city: '杭州市',
  receiver_district: '西湖区',
  receiver_town: '文新街道',
  receiver_address: '文三路100号3幢501室',
  receiver_zip: '310000',
  orders: {
    order: [
      { oid: '3921874561234567890', num_iid: 680012345678, sku_id: '5012345678901', outer_sku_id: 'PEAR-GIFT-5KG', title: '山野 秋月梨 礼盒5kg', num: 1, price: '598.00', payment: '498.00', status: 'WAIT_SELLER_SEND_GOODS' },
    ],
  },
};

/** COUNTY_CITY_TRADE is shipped to 仙桃市 (empty receiver_city), two lines in one parcel, a SQL-looking memo. */
export const COUNTY_CITY_TRADE = {
  tid: '3921874561234567891',
  type: 'fixed',
  status: 'WAIT_BUYER_CONFIRM_GOODS',
  created: '2026-11-10 09:00:00',
  pay_time: '2026-11-10 09:01:05',
  consign_time: '2026-11-11 15:30:00',
  modified: '2026-11-11 15:30:02',
  payment: '99.70',
  total_fee: '99.70',
  post_fee: '0.00',
  buyer_nick: 'l**9',
  seller_nick: '山野果园旗舰店',
  seller_memo: "'; DROP TABLE orders; --",
  receiver_name: '李*',
  receiver_mobile: '15987654321',
  receiver_state: '湖北省',
  receiver_city: '',
  receiver_district: '仙桃市',
  receiver_town: '干河街道',
  receiver_address: '仕林路1号',
  receiver_zip: '000000',
  orders: {
    order: [
      { oid: '3921874561234567801', num_iid: '680012340001', outer_iid: 'TEA-01', title: '明前龙井 100g', num: 2, price: '39.90', payment: '79.80', logistics_company: '中通快递', invoice_no: '75312345678901' },
      { oid: '3921874561234567802', num_iid: '680012340002', sku_id: 5012340002, title: '茶杯', num: 1, price: '19.90', payment: '19.90', logistics_company: '中通快递', invoice_no: '75312345678901', is_oversold: true },
    ],
  },
};

/** MASKED_PHONE_TRADE is finished, with only a masked receiver phone and postage. */
export const MASKED_PHONE_TRADE = {
  tid: '3921874561234567892',
  status: 'TRADE_FINISHED',
  created: '2026-11-01 08:00:00',
  pay_time: '2026-11-01 08:00:40',
  consign_time: '2026-11-02 12:00:00',
  end_time: '2026-11-05 10:00:00',
  modified: '2026-11-05 10:00:01',
  payment: '58.00',
  post_fee: '8.00',
  receiver_name: '张**',
  receiver_mobile: '138****5678',
  receiver_phone: '',
  receiver_state: '上海',
  receiver_city: '上海市',
  receiver_district: '浦东新区',
  receiver_address: '张江路88号',
  orders: { order: [{ oid: '3921874561234567892', num_iid: '680099990000', title: '手工皂', num: 1, price: '50.00', payment: '50.00' }] },
};

/** TRADES_SOLD_GET is a trades.sold.get page with the three trades above. */
export const TRADES_SOLD_GET = {
  trades_sold_get_response: {
    total_results: 3,
    has_next: false,
    trades: { trade: [STEP_PRESALE_TRADE, COUNTY_CITY_TRADE, MASKED_PHONE_TRADE] },
    request_id: '16abcdef0001',
  },
};
