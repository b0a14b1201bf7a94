import { z } from 'zod';
import { NameSchema } from './value-schemas.js';

const subCause = z.object({ id: NameSchema, zh: z.string().min(1), en: z.string().min(1) }).strict();
const list = (defaults: z.input<typeof subCause>[]) => z.array(subCause).min(1).prefault(defaults);

/**
 * RootCausesSchema is the `rootCauses` section: the sub-causes an incident may
 * close with, per class (a list given replaces that class's defaults).
 * `falseAlarm` names sub-causes that count as false alarms in the KPIs even
 * though they are filed under a real class (a misfiring rule is a system fault
 * to fix *and* an alarm that should not have been raised); every
 * `notAbnormal` sub-cause is a false alarm anyway.
 */
export const RootCausesSchema = z
  .object({
    system: list([
      { id: 'stock_sync_failure', zh: '库存同步失败', en: 'stock sync failure' },
      { id: 'erp_failure', zh: 'ERP故障', en: 'ERP failure' },
      { id: 'rule_false_positive', zh: '规则误报', en: 'rule false positive' },
      { id: 'integration_failure', zh: '接口故障', en: 'integration failure' },
      { id: 'misconfiguration', zh: '配置错误', en: 'misconfiguration' },
    ]),
    human: list([
      { id: 'picking_error', zh: '拣货错误', en: 'picking error' },
      { id: 'missed_item', zh: '漏发', en: 'item left out' },
      { id: 'cs_no_follow_up', zh: '客服未跟进', en: 'customer service did not follow up' },
      { id: 'data_entry_error', zh: '录入错误', en: 'data entry error' },
      { id: 'packing_error', zh: '包装错误', en: 'packing error' },
    ]),
    external: list([
      { id: 'courier_delay', zh: '快递延误', en: 'courier delay' },
      { id: 'weather', zh: '天气', en: 'weather' },
      { id: 'supplier_out_of_stock', zh: '供应商缺货', en: 'supplier out of stock' },
      { id: 'platform_outage', zh: '平台故障', en: 'platform outage' },
      { id: 'customer_unreachable', zh: '客户联系不上', en: 'customer unreachable' },
    ]),
    notAbnormal: list([
      { id: 'legitimate_delay', zh: '合法延迟（预售/约定发货）', en: 'legitimate delay (pre-sale / agreed date)' },
      { id: 'customer_agreed', zh: '客户已同意', en: 'customer had agreed' },
      { id: 'duplicate_alert', zh: '重复告警', en: 'duplicate alert' },
      { id: 'data_lag', zh: '数据延迟到达', en: 'data arrived late' },
    ]),
    falseAlarm: z.array(NameSchema).default(['rule_false_positive']),
  })
  .strict()
  .superRefine((r, ctx) => {
    const where = new Map<string, string>();
    for (const cls of ['system', 'human', 'external', 'notAbnormal'] as const) {
      r[cls].forEach((s, i) => {
        const other = where.get(s.id);
        if (other !== undefined) ctx.addIssue({ code: 'custom', path: [cls, i, 'id'], message: `duplicate sub-cause id "${s.id}" (also in ${other})` });
        else where.set(s.id, cls);
      });
    }
    r.falseAlarm.forEach((id, i) => {
      if (!where.has(id)) ctx.addIssue({ code: 'custom', path: ['falseAlarm', i], message: `no sub-cause with id "${id}"` });
    });
  })
  .prefault({});

/** RootCausesPolicy is the parsed `rootCauses` section. */
export type RootCausesPolicy = z.infer<typeof RootCausesSchema>;

/** SubCause is one sub-cause with its labels. */
export type SubCause = RootCausesPolicy['system'][number];
