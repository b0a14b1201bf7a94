import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** Lang is the console's language: Simplified Chinese by default, English on request. */
export type Lang = 'zh' | 'en';

/** Bilingual is a text the server gives in both languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

const STORAGE_KEY = 'orderwatch.lang';

/** MESSAGES holds every label of the console, Chinese first. */
const MESSAGES = {
  appName: ['订单异常监控', 'Order exception monitor'],
  appSubtitle: ['订单异常监控与应急响应', 'Order exceptions and emergency response'],
  language: ['语言', 'Language'],
  switchLanguage: ['English', '中文'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  userName: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  signInFailed: ['用户名或密码错误', 'Wrong user name or password'],
  required: ['必填', 'Required'],
  navDashboard: ['看板', 'Dashboard'],
  navIncidents: ['事件队列', 'Incidents'],
  navSearch: ['查单', 'Search'],
  navReports: ['报表与回访', 'Reports & callbacks'],
  navRules: ['规则与阈值', 'Rules & thresholds'],
  navAdmin: ['系统管理', 'Admin'],
  loading: ['加载中…', 'Loading…'],
  noData: ['暂无数据', 'No data'],
  error: ['出错了', 'Something went wrong'],
  retry: ['重试', 'Retry'],
  back: ['返回', 'Back'],
  refresh: ['刷新', 'Refresh'],
  // dashboard
  period: ['统计周期', 'Period'],
  lastDays: ['近 {n} 天', 'Last {n} days'],
  delayTrend: ['延迟订单趋势（按下单日）', 'Delayed orders per day (by order date)'],
  delayTrendHint: ['点击柱子或扇区查看对应订单', 'Click a bar or a slice to see its orders'],
  splitBy: ['拆分维度', 'Split by'],
  byChannel: ['渠道', 'Channel'],
  byStage: ['阶段', 'Stage'],
  byGrade: ['等级', 'Grade'],
  byRegion: ['地区', 'Region'],
  delayedOrders: ['延迟订单', 'Delayed orders'],
  kpiOpenIncidents: ['未结事件', 'Open incidents'],
  kpiBreached: ['响应超时', 'Breached deadlines'],
  kpiMtta: ['确认用时（中位）', 'Time to acknowledge (median)'],
  kpiMttr: ['解决用时（中位）', 'Time to resolve (median)'],
  kpiP90: ['P90 {v}', 'P90 {v}'],
  kpiOnTime: ['按时 {p}', 'on time {p}'],
  kpiBasis: ['{n} 个事件，{r} 个仍在计时', '{n} incidents, {r} still running'],
  kpiFalseAlarm: ['误报率', 'False-alarm share'],
  kpiOpenedInPeriod: ['本期新增事件', 'Opened in period'],
  kpiOf: ['{a} / {b} 个已关闭', '{a} of {b} closed'],
  totalDelayed: ['延迟订单合计', 'Delayed orders in period'],
  // delayed order list
  delayedOrderList: ['延迟订单明细', 'Delayed orders'],
  filters: ['筛选', 'Filters'],
  day: ['日期', 'Day'],
  order: ['订单', 'Order'],
  channel: ['渠道', 'Channel'],
  placedAt: ['下单时间', 'Placed'],
  stage: ['阶段', 'Stage'],
  delayStage: ['延迟阶段', 'Delayed at'],
  grade: ['等级', 'Grade'],
  region: ['地区', 'Region'],
  receiver: ['收件人', 'Receiver'],
  amount: ['金额(元)', 'Amount (¥)'],
  findings: ['异常', 'Findings'],
  tier: ['客户等级', 'Customer tier'],
  clearFilter: ['清除筛选', 'Clear filters'],
  // incidents
  incidentQueue: ['事件队列', 'Incident queue'],
  state: ['状态', 'State'],
  level: ['级别', 'Level'],
  owner: ['负责角色', 'Owner'],
  assignee: ['处理人', 'Assignee'],
  title: ['事件', 'Incident'],
  openedAt: ['发生时间', 'Opened'],
  deadline: ['响应截止', 'Response deadline'],
  countdown: ['剩余时间', 'Time left'],
  breached: ['已超时', 'Breached'],
  overdueBy: ['超时 {d}', 'Overdue {d}'],
  acknowledged: ['已响应', 'Acknowledged'],
  bulkAcknowledge: ['批量响应', 'Acknowledge selected'],
  selectedN: ['已选 {n} 项', '{n} selected'],
  live: ['实时', 'Live'],
  liveOff: ['连接中断，重连中', 'Reconnecting'],
  newIncidents: ['{n} 条事件更新', '{n} incidents updated'],
  paused: ['已暂停', 'Paused'],
  ordersCovered: ['涉及订单', 'Orders covered'],
  allStates: ['全部状态', 'All states'],
  activeStates: ['未结', 'Active'],
  anyGrade: ['全部等级', 'Any grade'],
  anyLevel: ['全部级别', 'Any level'],
  anyOwner: ['全部角色', 'Any owner'],
  anyChannel: ['全部渠道', 'Any channel'],
  total: ['共 {n} 条', '{n} in all'],
  tabOpen: ['待响应', 'To respond'],
  tabBreached: ['已超时', 'Breached'],
  tabMine: ['我的', 'Mine'],
  tabA: ['A 级', 'Grade A'],
  tabB: ['B 级', 'Grade B'],
  tabAll: ['全部', 'All'],
  sound: ['提示音', 'Sound'],
  soundHint: ['新的 A 级事件或超时：标签页标题提示，开启后另有提示音', 'A new grade-A incident or a breach shows in the tab title; turn this on to hear a beep too'],
  export: ['导出', 'Export'],
  fixListLink: ['数据质量待修正清单', 'Data-quality fix list'],
  queueSearch: ['搜索：事件、订单号、手机尾号、客户', 'Search: incident, order no., last 4 digits, customer'],
  sortBy: ['排序', 'Sort'],
  sortDefault: ['超时优先 → 等级 → 截止', 'Breached → grade → deadline'],
  sortDeadline: ['截止时间最近', 'Soonest deadline'],
  sortOpened: ['最新发生', 'Newest'],
  sortGrade: ['等级', 'Grade'],
  bulkAssign: ['批量指派', 'Assign selected'],
  bulkClose: ['批量关闭', 'Close selected'],
  bulkFailed: ['{n} 项未完成', '{n} not done'],
  ordersN: ['{n} 个订单', '{n} orders'],
  fixBuyer: ['同一买家多单：{b}', 'One buyer, many orders: {b}'],
  fixDone: ['已处理 {n} 项', '{n} items handled'],
  fixFixed: ['已在源头修正', 'Fixed at source'],
  fixDismiss: ['不是问题', 'Not a problem'],
  fixOpen: ['待处理', 'Open'],
  fixHandled: ['已处理', 'Handled'],
  fixListHint: ['数据质量问题（手机号、地址、金额、重复单等）按原因、店铺和日期归档，在这里批量处理，不进入事件队列', 'Data-quality findings (phone, address, amount, duplicates…) filed by cause, shop and day: worked here in bulk, not in the incident queue'],
  fixCounts: ['待处理 {open} / 共 {items} 项，{orders} 个订单', '{open} open of {items}, {orders} orders'],
  fixCause: ['原因', 'Cause'],
  fixItems: ['数量', 'Count'],
  demoLoading: ['正在载入演示数据… {p}%', 'Loading the demo data… {p}%'],
  demoLoadingDetail: ['演示业务的 60 天历史正在后台重演，看板和队列会陆续填满', 'The demo business’s 60 days are being lived in the background; the dashboard and queue fill as it goes'],
  kpiReport: ['KPI 报表', 'KPI report'],
  kpiDocument: ['报表编号', 'Document'],
  reviews: ['复盘报告', 'Post-incident reviews'],
  improvements: ['改进项', 'Improvements'],
  callbacks: ['满意度回访', 'Satisfaction callbacks'],
  closedAt: ['关闭于', 'Closed'],
  due: ['应回访', 'Due'],
  open: ['打开', 'Open'],
  scriptSize: ['{c} 字 · 短信 {s} 条', '{c} chars · {s} SMS parts'],
  scriptMissing: ['{n} 处待填写（高亮）', '{n} placeholders to fill (highlighted)'],
  sendBy: ['发送方式', 'Send by'],
  scriptFor: ['话术对应订单', 'Script for order'],
  findInIncident: ['在本事件中找订单：尾号4位 / 姓名 / 订单号', 'Find an order in this incident: last 4 digits / name / order no.'],
  callCard: ['通话要点', 'For the call'],
  product: ['商品', 'Product'],
  reasonLate: ['原因', 'Reason'],
  closePendingWarn: ['还有 {n} 笔补偿待审批。关闭前请先审批，或填写原因强制关闭。', '{n} compensation requests await approval. Decide them first, or force the close with a reason.'],
  forceClose: ['仍然关闭（强制，记录原因）', 'Close anyway (forced, reason recorded)'],
  forceReason: ['强制关闭原因', 'Why close anyway'],
  resolveAndClose: ['标记解决并关闭', 'Resolve and close'],
  owners: ['负责人', 'Owners'],
  penaltyAtStake: ['违约金风险', 'Penalty at stake'],
  // incident page
  incident: ['事件', 'Incident'],
  actions: ['操作', 'Actions'],
  members: ['涉及的异常与订单', 'Findings and orders covered'],
  timelineLog: ['处理记录', 'Timeline'],
  checklist: ['处置清单', 'Checklist'],
  customerMessage: ['客户沟通模板', 'Customer message'],
  template: ['模板', 'Template'],
  medium: ['方式', 'Medium'],
  mediumPhone: ['电话话术', 'Phone script'],
  mediumSms: ['短信', 'SMS'],
  mediumEmail: ['邮件', 'E-mail'],
  render: ['生成', 'Render'],
  copy: ['复制', 'Copy'],
  copied: ['已复制', 'Copied'],
  send: ['发送', 'Send'],
  sendVia: ['发送渠道（接收方）', 'Send through receiver'],
  queued: ['已加入发送队列', 'Queued for sending'],
  compensation: ['补偿', 'Compensation'],
  compensationKind: ['补偿类型', 'Kind'],
  amountYuan: ['金额（元）', 'Amount (¥)'],
  grant: ['发放', 'Grant'],
  approve: ['批准', 'Approve'],
  reject: ['驳回', 'Reject'],
  pendingApproval: ['待审批', 'Pending approval'],
  acknowledge: ['响应', 'Acknowledge'],
  start: ['开始处理', 'Start'],
  pause: ['暂停自动化（接管）', 'Pause / take over'],
  resume: ['恢复自动化', 'Resume automation'],
  escalate: ['升级', 'Escalate'],
  resolve: ['标记解决', 'Resolve'],
  close: ['关闭（填写根因）', 'Close with root cause'],
  reopen: ['重新打开', 'Reopen'],
  review: ['完成复盘', 'Mark reviewed'],
  assign: ['指派', 'Assign'],
  comment: ['备注', 'Comment'],
  reason: ['原因', 'Reason'],
  pauseReason: ['暂停原因', 'Why you take over'],
  pauseUntil: ['暂停至（可选）', 'Paused until (optional)'],
  rootCauseClass: ['根因类别', 'Root cause class'],
  subCause: ['子原因', 'Sub-cause'],
  note: ['说明', 'Note'],
  ok: ['确定', 'OK'],
  cancel: ['取消', 'Cancel'],
  done: ['完成', 'Done'],
  rating: ['处置方案评分', 'Playbook rating'],
  rate: ['提交评分', 'Rate'],
  evidencePdf: ['证据报告 PDF', 'Evidence PDF'],
  evidencePdfSoon: ['证据报告由报表模块提供，接口上线后可用', 'The evidence report comes with the reports module; available once its endpoint exists'],
  messagesSent: ['已发送消息', 'Messages sent'],
  actionDone: ['已完成：{a}', 'Done: {a}'],
  suggestResolve: ['所有异常已消失，建议标记解决', 'Every finding went away: consider resolving'],
  playbook: ['处置方案', 'Playbook'],
  rule: ['分级规则', 'Grading rule'],
  resolutionTarget: ['解决目标', 'Resolution target'],
  escalations: ['升级次数', 'Escalations'],
  rootCause: ['根因', 'Root cause'],
  // search / order 360
  searchPlaceholder: ['订单号 / 手机号 / 手机尾号4位 / 收件人 / 运单号', 'Order no. / phone / last 4 digits / name / tracking no.'],
  searchLabel: ['查找订单', 'Find an order'],
  search: ['查询', 'Search'],
  searchHint: ['支持所有渠道的订单号、完整手机号、尾号4位、脱敏号码、收件人姓名和运单号', "Any channel's order number, full phone, last 4 digits, masked phone, receiver name or tracking number"],
  results: ['找到 {n} 个订单', '{n} orders found'],
  phone: ['电话', 'Phone'],
  order360: ['订单 360', 'Order 360'],
  orderFacts: ['订单信息', 'Order'],
  items: ['商品', 'Items'],
  address: ['地址', 'Address'],
  customer: ['客户', 'Customer'],
  stageVsThreshold: ['当前阶段与阈值', 'Stage vs threshold'],
  inStageFor: ['已停留 {h} 小时', '{h} h in this stage'],
  thresholdIs: ['阈值 {h} 小时', 'threshold {h} h'],
  timeline: ['时间线', 'Timeline'],
  inventoryLog: ['库存变动', 'Inventory log'],
  logistics: ['物流轨迹', 'Logistics'],
  contacts: ['客户联系', 'Contacts'],
  exemptions: ['合理延迟豁免', 'Legitimate delays'],
  incidents: ['事件', 'Incidents'],
  pauseOrder: ['接管此订单', 'Take this order over'],
  resumeOrder: ['恢复此订单自动化', 'Hand back to automation'],
  promisedShipBy: ['承诺发货', 'Promised ship by'],
  promisedDeliveryBy: ['承诺送达', 'Promised delivery'],
  notes: ['备注', 'Notes'],
  tags: ['标签', 'Tags'],
  attachments: ['附件', 'Attachments'],
  available: ['可用', 'Available'],
  reserved: ['占用', 'Reserved'],
  syncedAt: ['同步时间', 'Synced'],
  warehouse: ['仓库', 'Warehouse'],
  change: ['变动', 'Change'],
  time: ['时间', 'Time'],
  kind: ['类型', 'Kind'],
  content: ['内容', 'Content'],
  source: ['来源', 'Source'],
  // rules
  thresholds: ['阈值（按细分）', 'Thresholds by segment'],
  notCalibrated: ['尚未校准：使用固定阈值。运行 `orderwatch calibrate` 从历史学习。', 'Not calibrated yet: fixed allowances apply. Run `orderwatch calibrate` to learn them from history.'],
  calibratedAs: ['第 {v} 版，基于 {t} 之前的历史，策略 {p}，放宽系数 ×{m}；样本少于 {n} 的细分回退到上一级', 'Version {v}, from history before {t}, policy {p}, widened ×{m}; a segment with fewer than {n} orders falls back to its parent'],
  span: ['环节', 'Span'],
  segment: ['细分', 'Segment'],
  samples: ['样本数', 'Orders'],
  meanH: ['均值(小时)', 'Mean (h)'],
  allowanceH: ['阈值(小时)', 'Allowance (h)'],
  usedHere: ['使用', 'Used'],
  fallsBack: ['回退', 'Falls back'],
  fixedAllowances: ['固定阈值（按阶段）', 'Fixed allowances per stage'],
  hours: ['小时', 'Hours'],
  backtest: ['回测（Olist 真实订单 2018-01…08）', 'Backtest (Olist orders 2018-01 … 08)'],
  backtestPolicy: ['策略', 'Policy'],
  policyDynamic: ['在线检测（默认）', 'Live detector (default)'],
  promiseWarning: ['承诺送达预警（在线检测）', 'Promise warning (live detector)'],
  baselineRule: ['基线：承诺日 00:00 前 {h} 小时仍未签收即预警', 'Baseline: not delivered {h} h before 00:00 of the promised date'],
  backtestBasis: ['重放在线检测本身：提前量计到承诺日 00:00，预警在其前 {h} 小时判断；参数只在 {from} … {to} 选定，每月只用此前的订单重新学习', 'The live detector itself, replayed: lead times to 00:00 of the promised date, the warning judged {h} h before it; settings chosen on {from} … {to} only, relearned monthly from earlier orders only'],
  byCode: ['每个在线告警代码', 'Every live finding code'],
  findingCode: ['告警', 'Finding'],
  against: ['对照', 'Judged against'],
  againstLate: ['是否晚于承诺送达', 'late delivery'],
  againstShipBy: ['是否晚于最晚发货', 'ship-by deadline'],
  keyDelivery: ['送达', 'delivery'],
  keyShip: ['发货', 'ship-by'],
  stallsOnTime: ['停滞订单中有 {n} 单已签收，其中 {share} 仍按时送达', '{n} stalled orders were delivered; {share} of them still on time'],
  policyFixed: ['固定 48 小时', 'Fixed 48 h'],
  alerts: ['告警数', 'Alerts'],
  precision: ['准确率', 'Precision'],
  recall: ['召回率', 'Recall'],
  leadTime: ['提前量中位数', 'Median lead time'],
  curve: ['误报率 vs 召回率', 'False-alarm share vs recall'],
  bySegment: ['按地区', 'By segment'],
  backtestUnavailable: ['回测不可用', 'Backtest unavailable'],
  backtestComputing: ['正在回测：首次需十几秒（重放每个订单并按月重新学习），之后直接显示', 'Running the backtest: some seconds the first time (every order replayed, relearned monthly), at once afterwards'],
  policyInEffect: ['生效中的策略（只读）', 'Policy in effect (read only)'],
  gradingRules: ['分级规则', 'Grading rules'],
  match: ['条件', 'Match'],
  outcome: ['结果', 'Outcome'],
  respondWithin: ['响应时限', 'Respond within'],
  playbooks: ['处置方案', 'Playbooks'],
  templates: ['沟通模板', 'Templates'],
  rootCauses: ['根因分类', 'Root causes'],
  compensationLimits: ['补偿额度（元）', 'Compensation limits (¥)'],
  routes: ['通知路由', 'Routes'],
  // admin
  receivers: ['通知接收方', 'Receivers'],
  name: ['名称', 'Name'],
  type: ['类型', 'Type'],
  target: ['目标', 'Target'],
  sendTest: ['发送测试消息', 'Send test message'],
  testQueued: ['测试消息已加入队列：{id}', 'Test message queued: {id}'],
  users: ['用户与角色', 'Users and roles'],
  role: ['角色', 'Role'],
  displayName: ['显示名', 'Display name'],
  createdAt: ['创建时间', 'Created'],
  disabled: ['已停用', 'Disabled'],
  addUser: ['添加用户', 'Add user'],
  userAdded: ['已添加用户 {n}', 'User {n} added'],
  noReceivers: ['未配置接收方（在策略文件 receivers 中配置）', 'No receiver configured (add them under `receivers` in the policy file)'],
  forbidden: ['你的角色无权查看此页面', 'Your role may not see this page'],
  notFound: ['页面不存在', 'Page not found'],
} as const satisfies Record<string, readonly [string, string]>;

/** MessageKey names a console label. */
export type MessageKey = keyof typeof MESSAGES;

interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** pick chooses the current language's side of a server text. */
  pick(text: Bilingual | undefined | null): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** I18nProvider holds the language (remembered in the browser) and translates. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang(next) {
        setLangState(next);
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Private mode: the choice lasts for this page only.
        }
        document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
      },
      t(key, vars) {
        let text: string = MESSAGES[key][lang === 'zh' ? 0 : 1];
        for (const [name, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${name}}`, String(v));
        return text;
      },
      pick(text) {
        return text ? text[lang] : '';
      },
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** useI18n gives the language and the translator. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
