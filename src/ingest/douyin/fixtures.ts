/**
 * Invented 抖店 answers for the Douyin adapter's tests: names, numbers and
 * addresses are made up; the shapes follow /order/orderDetail and /order/searchList.
 */

/** PRESALE_ORDER is a paid full-payment pre-sale with a promised ship time and only masked/encrypted contacts. */
export const PRESALE_ORDER = {
  order_id: '6920000000000012345',
  shop_id: 4463798,
  shop_name: '山野果园抖音小店',
  order_status: 2,
  main_status: 103,
  create_time: 1762790400, // 2025-11-11 00:00:00 +08:00
  pay_time: 1762790465,
  update_time: 1762790470,
  ship_time: 0,
  finish_time: 0,
  exp_ship_time: 1763395199, // 2025-11-17 23:59:59 +08:00
  order_amount: 12900,
  pay_amount: 11900,
  post_amount: 0,
  post_addr: {
    province: { name: '四川省', id: '51' },
    city: { name: '成都市', id: '510100' },
    town: { name: '武侯区', id: '510107' },
    street: { name: '玉林街道', id: '510107011' },
    detail: '玉林北路2号',
  },
  encrypt_post_tel: '#aXbc9TkqLmZ8pQ1r2s3T4u5V6w7X8y9Z#',
  mask_post_tel: '1********35',
  mask_post_receiver: '周*',
  buyer_words: '送人的，别放发票 🎁',
  seller_words: '',
  seller_remark_stars: 2,
  sku_order_list: [
    {
      order_id: '6920000000000012346',
      parent_order_id: '6920000000000012345',
      sku_id: 1745000000001,
      product_id: '3600000000001',
      product_name: '爱媛38号果冻橙 5斤',
      out_sku_id: 'ORANGE-5J',
      item_num: 1,
      origin_amount: 12900,
      pay_amount: 11900,
      pre_sale_type: 1,
      trade_type: 0,
    },
  ],
};

/** SHIPPED_ORDER is shipped, two lines, one of them a staged-shipping pre-sale. */
export const SHIPPED_ORDER = {
  order_id: '6920000000000022222',
  shop_id: '4463798',
  order_status: 3,
  create_time: '1762704000',
  pay_time: 1762704030,
  ship_time: 1762750800,
  update_time: 1762750805,
  exp_ship_time: 1762963200,
  order_amount: 6600,
  pay_amount: 6100,
  post_amount: 500,
  post_addr: { province: '重庆市', city: '重庆市', town: '渝中区', street: { name: '解放碑街道', id: '1' }, detail: '民族路166号' },
  mask_post_tel: '139****0000',
  mask_post_receiver: '吴**',
  sku_order_list: [
    { order_id: '6920000000000022223', sku_id: '1745000000002', product_id: '3600000000002', product_name: '花椒 250g', item_num: 2, origin_amount: 3600, pay_amount: 3300, pre_sale_type: 0 },
    { order_id: '6920000000000022224', sku_id: '1745000000003', product_id: '3600000000003', product_name: '火锅底料', item_num: 1, origin_amount: 2500, pay_amount: 2300, pre_sale_type: 2 },
  ],
};

/** ORDER_DETAIL is an /order/orderDetail answer. */
export const ORDER_DETAIL = { code: 10000, msg: 'success', data: { shop_order_detail: PRESALE_ORDER } };

/** ORDER_LIST is an /order/searchList page. */
export const ORDER_LIST = { code: 10000, msg: 'success', data: { page: 0, size: 20, total: 2, shop_order_list: [PRESALE_ORDER, SHIPPED_ORDER] } };
