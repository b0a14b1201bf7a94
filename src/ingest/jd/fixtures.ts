/**
 * Invented JD POP responses for the JD adapter's tests: names, numbers and
 * addresses are made up; the shapes follow jingdong.pop.order.search / .get.
 */

/** UNSHIPPED_ORDER waits for stock-out; its unset times are JD's 0001-01-01 / 1970-01-01. */
export const UNSHIPPED_ORDER = {
  orderId: '281234567890',
  venderId: '10086001',
  orderType: '22',
  orderState: 'WAIT_SELLER_STOCK_OUT',
  orderStateRemark: '等待出库',
  orderTotalPrice: '299.00',
  orderSellerPrice: '279.00',
  orderPayment: '279.00',
  freightPrice: '0.00',
  orderRemark: '周末送货',
  venderRemark: '',
  orderStartTime: '2026-11-11 00:03:10',
  paymentConfirmTime: '2026-11-11 00:03:25',
  orderEndTime: '0001-01-01 00:00:00',
  modified: '2026-11-11 00:03:26',
  waybill: '',
  logisticsId: '',
  consigneeInfo: {
    fullname: '赵六',
    telephone: '',
    mobile: '',
    desen_mobile: '159****4321',
    fullAddress: '广东省深圳市南山区粤海街道科技园南区深南大道10000号',
    province: '广东省',
    provinceId: '19',
    city: '深圳市',
    cityId: '1607',
    county: '南山区',
    countyId: '3155',
    town: '粤海街道',
    townId: '0',
  },
  itemInfoList: [
    { skuId: '100012345678', outerSkuId: 'KETTLE-1.7L', skuName: '电热水壶 1.7L 白色', jdPrice: '149.50', itemTotal: '2', wareId: '100000123456' },
  ],
};

/** SHIPPED_ORDER is on its way in two parcels of one carrier plus one of another (a waybill list). */
export const SHIPPED_ORDER = {
  orderId: '281234567891',
  venderId: '10086001',
  orderState: 'WAIT_GOODS_RECEIVE_CONFIRM',
  orderTotalPrice: '89.80',
  orderPayment: '95.80',
  freightPrice: '6.00',
  orderRemark: '',
  venderRemark: '已拆两箱',
  orderStartTime: '2026-11-09 21:15:00',
  paymentConfirmTime: '2026-11-09 21:16:02',
  orderEndTime: '1970-01-01 08:00:00',
  modified: '2026-11-10 18:40:00',
  waybill: 'JDVA00012345678,JDVA00012345679|SF1234567890123',
  logisticsId: '1327|467',
  consigneeInfo: {
    fullname: '钱七',
    mobile: '13900001111',
    telephone: '021-66668888',
    fullAddress: '上海上海市浦东新区张江路88号',
    province: '上海',
    city: '上海市',
    county: '浦东新区',
    town: '',
  },
  itemInfoList: [
    { skuId: '100011112222', skuName: '保温杯', jdPrice: '49.90', itemTotal: '1', wareId: '100001111222' },
    { skuId: '100011113333', outerSkuId: 'LID-01', skuName: '杯盖', jdPrice: '39.90', itemTotal: 1, wareId: '100001111333' },
  ],
};

/** ORDER_SEARCH is a jingdong.pop.order.search page with both orders. */
export const ORDER_SEARCH = {
  jingdong_pop_order_search_responce: {
    code: '0',
    searchorderinfo_result: {
      apiResult: { success: true, resultCode: '', chineseErr: '', englishErr: '' },
      orderTotal: 2,
      orderInfoList: [UNSHIPPED_ORDER, SHIPPED_ORDER],
    },
  },
};

/** ORDER_GET is a jingdong.pop.order.get answer for one order. */
export const ORDER_GET = {
  jingdong_pop_order_get_responce: {
    code: '0',
    orderDetailInfo: { apiResult: { success: true }, orderInfo: SHIPPED_ORDER },
  },
};
