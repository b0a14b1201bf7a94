import type { CustomerTemplate } from './templates-schema.js';

/**
 * DEFAULT_TEMPLATES are the shipped customer messages: `delay` (a late order,
 * with compensation), `comfort` (a short reassurance for grade C), `stock-out`
 * (oversold or out of stock: wait, swap or refund) and `wrong-shipment`.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<string, CustomerTemplate>> = {
  delay: {
    subject: { zh: '关于您订单延迟的致歉', en: 'We are sorry your order is late' },
    apology: {
      zh: '{{customer}}您好，我是客服{{agent}}。非常抱歉，您购买的{{product}}未能按时送达。',
      en: 'Dear {{customer}}, this is {{agent}} from customer service. We are sorry that your {{product}} has not arrived on time.',
    },
    reason: { zh: '原因是：{{reason}}。', en: 'The reason: {{reason}}.' },
    remedy: {
      zh: '我们已安排优先处理，预计{{newDate}}送达，并为您提供{{compensation}}作为补偿。',
      en: 'We have given it priority; it should arrive by {{newDate}}, and we offer you {{compensation}} as an apology.',
    },
    confirmation: { zh: '请问这样安排您看可以吗？如有任何问题，请随时联系我们。', en: 'Does this work for you? Please contact us with any question.' },
    sms: {
      zh: '{{customer}}您好，您的{{product}}因{{reason}}延迟，预计{{newDate}}送达，已为您补偿{{compensation}}，非常抱歉。',
      en: 'Dear {{customer}}, your {{product}} is late ({{reason}}); new date {{newDate}}. We added {{compensation}}. Sorry!',
    },
  },
  comfort: {
    subject: { zh: '您的订单正在加急处理', en: 'Your order is being rushed' },
    apology: { zh: '{{customer}}您好，抱歉让您久等了。', en: 'Dear {{customer}}, we are sorry to keep you waiting.' },
    reason: { zh: '您的{{product}}因{{reason}}稍有延迟。', en: 'Your {{product}} is slightly delayed: {{reason}}.' },
    remedy: { zh: '我们正在加急处理，预计{{newDate}}发出。', en: 'We are rushing it and expect to ship it by {{newDate}}.' },
    confirmation: { zh: '如有疑问请随时联系客服，感谢您的耐心。', en: 'Any question, just contact us. Thank you for your patience.' },
    sms: {
      zh: '{{customer}}您好，您的{{product}}因{{reason}}稍有延迟，预计{{newDate}}发出，感谢耐心等待。',
      en: 'Dear {{customer}}, your {{product}} is slightly delayed ({{reason}}); it ships by {{newDate}}. Thanks for waiting.',
    },
  },
  'stock-out': {
    subject: { zh: '关于您订单缺货的说明', en: 'An item of your order is out of stock' },
    apology: {
      zh: '{{customer}}您好，我是客服{{agent}}。非常抱歉地通知您，您购买的{{product}}暂时缺货。',
      en: 'Dear {{customer}}, this is {{agent}} from customer service. We are sorry: your {{product}} is out of stock.',
    },
    reason: { zh: '原因是：{{reason}}。', en: 'The reason: {{reason}}.' },
    remedy: {
      zh: '您可以选择等待到货（预计{{newDate}}发出）、更换同类商品或全额退款，我们另外为您提供{{compensation}}。',
      en: 'You can wait (it should ship by {{newDate}}), swap it for a similar item or get a full refund; we also offer you {{compensation}}.',
    },
    confirmation: { zh: '请问您希望如何处理？我们会按您的选择立即办理。', en: 'Which would you like? We will do it right away.' },
    sms: {
      zh: '{{customer}}您好，您的{{product}}因{{reason}}缺货，可等待至{{newDate}}、换货或退款，另补偿{{compensation}}，请回复选择。',
      en: 'Dear {{customer}}, your {{product}} is out of stock ({{reason}}). Wait until {{newDate}}, swap or refund? Plus {{compensation}}.',
    },
  },
  'wrong-shipment': {
    subject: { zh: '关于您收到错误商品的致歉', en: 'We sent you the wrong item' },
    apology: {
      zh: '{{customer}}您好，我是客服{{agent}}。非常抱歉，我们给您发错了商品（应为{{product}}）。',
      en: 'Dear {{customer}}, this is {{agent}} from customer service. We are sorry: we sent you the wrong item instead of {{product}}.',
    },
    reason: { zh: '原因是：{{reason}}。', en: 'The reason: {{reason}}.' },
    remedy: {
      zh: '正确的商品已重新发出，预计{{newDate}}送达；错发的商品请联系快递免费退回，另赠{{compensation}}。',
      en: 'The right item is on its way and should arrive by {{newDate}}; the courier will collect the wrong one for free, and we add {{compensation}}.',
    },
    confirmation: { zh: '请问这样处理可以吗？', en: 'Is that all right for you?' },
  },
};
