import type { Command } from 'commander';
import { openContext, type AppContext } from '../../app/context.js';
import { ResponseService } from '../../app/response-service.js';
import { buildPipeline } from '../../pipeline/build-pipeline.js';
import { ActionError, type ActionRequest, type Actor } from '../../domain/incident-action.js';
import { formatShanghai, type Instant } from '../../domain/time.js';
import { CliError, print, printJson, table } from '../output.js';
import { parseIntOption, parseTimeOption, withConfig, withDb } from './common-options.js';

interface ActOptions {
  as: string;
  db?: string;
  config?: string;
  json?: boolean;
  at?: number;
  reason?: string;
  until?: number;
  rootCause?: string;
  note?: string;
  undo?: boolean;
  kind?: string;
  amount?: number;
  order?: string;
  comment?: string;
}

async function actorOf(context: AppContext, name: string): Promise<Actor> {
  const user = await context.store.getUser(name);
  if (!user || user.disabled) throw new CliError(`no active user "${name}" (add one with \`orderwatch user add ${name} --role ROLE\`)`, 2);
  return { name: user.name, role: user.role };
}

async function withService<T>(options: { db?: string; config?: string }, work: (service: ResponseService, context: AppContext) => Promise<T>): Promise<T> {
  const context = await openContext(options);
  try {
    const pipeline = buildPipeline({ store: context.store, settings: () => context.settings, clock: context.clock, owner: `cli-${process.pid}` });
    return await work(new ResponseService({ store: context.store, settings: () => context.settings, pipeline }), context);
  } catch (error) {
    if (error instanceof ActionError) throw new CliError(`${error.bilingual.zh} / ${error.bilingual.en}`, error.status === 404 ? 1 : 2);
    throw error;
  } finally {
    await context.store.close();
  }
}

/** Each action subcommand: its name, the words after it, and how its options become a request. */
const ACTIONS: ReadonlyArray<{ name: string; description: string; args?: string; build: (o: ActOptions, arg?: string) => ActionRequest }> = [
  { name: 'ack', description: 'acknowledge: you have seen it and own the response', build: (o) => ({ type: 'acknowledge', ...(o.reason ? { reason: o.reason } : {}) }) },
  { name: 'assign', description: 'assign it to a person', args: '<assignee>', build: (o, a) => ({ type: 'assign', assignee: a ?? '', ...(o.reason ? { reason: o.reason } : {}) }) },
  { name: 'start', description: 'mark it in progress', build: (o) => ({ type: 'start', ...(o.reason ? { reason: o.reason } : {}) }) },
  {
    name: 'pause',
    description: 'take it over (人工暂停): no escalation or automatic customer message until resumed or --until',
    build: (o) => {
      if (!o.reason) throw new CliError('pause needs --reason', 2);
      return { type: 'pause', reason: o.reason, ...(o.until !== undefined ? { until: o.until } : {}) };
    },
  },
  { name: 'resume', description: 'hand it back to automation', build: (o) => ({ type: 'resume', ...(o.reason ? { reason: o.reason } : {}) }) },
  { name: 'escalate', description: 'pass it to the next role of the chain now', build: (o) => ({ type: 'escalate', ...(o.reason ? { reason: o.reason } : {}) }) },
  { name: 'resolve', description: 'the customer-facing problem is solved', build: (o) => ({ type: 'resolve', ...(o.reason ? { reason: o.reason } : {}) }) },
  {
    name: 'close',
    description: 'close with a root cause: --root-cause CLASS/SUB (class system|human|external|not_abnormal)',
    build: (o) => {
      const [cls, sub] = (o.rootCause ?? '').split('/');
      if (!cls || !sub) throw new CliError('close needs --root-cause CLASS/SUB-CAUSE, e.g. external/carrier_delay', 2);
      return { type: 'close', rootCause: { class: cls as 'system', subCause: sub, ...(o.note ? { note: o.note } : {}) }, ...(o.reason ? { reason: o.reason } : {}) };
    },
  },
  {
    name: 'reopen',
    description: 'reopen a resolved or closed incident (needs --reason)',
    build: (o) => {
      if (!o.reason) throw new CliError('reopen needs --reason', 2);
      return { type: 'reopen', reason: o.reason };
    },
  },
  { name: 'review', description: 'mark a closed incident reviewed', build: (o) => ({ type: 'review', ...(o.reason ? { reason: o.reason } : {}) }) },
  { name: 'check', description: 'tick a checklist item (--undo to untick)', args: '<item>', build: (o, a) => ({ type: 'check', itemId: a ?? '', done: !o.undo, ...(o.note ? { note: o.note } : {}) }) },
  {
    name: 'compensate',
    description: 'grant compensation: --kind coupon|gift|shipping_refund|refund --amount FEN (over your limit it asks the next role)',
    build: (o) => {
      if (!o.kind || o.amount === undefined) throw new CliError('compensate needs --kind and --amount (fen)', 2);
      return { type: 'compensate', kind: o.kind, amountFen: o.amount, ...(o.order ? { orderId: o.order } : {}), ...(o.note ? { note: o.note } : {}) };
    },
  },
  { name: 'approve', description: 'approve a compensation waiting for you', args: '<compensation>', build: (o, a) => ({ type: 'decide_compensation', compensationId: a ?? '', approve: true, ...(o.note ? { note: o.note } : {}) }) },
  { name: 'reject', description: 'reject a compensation waiting for you', args: '<compensation>', build: (o, a) => ({ type: 'decide_compensation', compensationId: a ?? '', approve: false, ...(o.note ? { note: o.note } : {}) }) },
  {
    name: 'rate',
    description: "rate the playbook's usefulness 1-5 after use",
    args: '<score>',
    build: (o, a) => ({ type: 'rate', score: Number(a), ...(o.comment ? { comment: o.comment } : {}) }),
  },
  { name: 'comment', description: 'add a note to the audit trail', args: '<text>', build: (_o, a) => ({ type: 'comment', text: a ?? '' }) },
];

/** registerIncidentCommand adds `orderwatch incident list|show|<action>` and `orderwatch order pause|resume`. */
export function registerIncidentCommand(program: Command): void {
  const incident = program.command('incident').description('the incident queue and every action on an incident (each audited with who, when and why)');

  withDb(incident.command('list'))
    .description('list incidents, newest first')
    .option('--state <states>', 'comma-separated: open,acknowledged,in_progress,resolved,closed,reviewed')
    .option('--grade <grades>', 'comma-separated: A,B,C,D')
    .option('--limit <n>', 'at most this many', parseIntOption('--limit', 1, 1000), 50)
    .option('--json', 'print the result as JSON')
    .action(async (options: { state?: string; grade?: string; limit: number; db?: string; json?: boolean }) => {
      const context = await openContext(options);
      try {
        const { total, items } = await context.store.response.incidents({
          limit: options.limit,
          ...(options.state ? { states: options.state.split(',') } : {}),
          ...(options.grade ? { grades: options.grade.split(',') } : {}),
        });
        if (options.json) {
          printJson({ total, incidents: items });
          return;
        }
        print(`${total} incidents`);
        print(
          table(
            ['id', 'grade', 'level', 'state', 'owner', 'deadline', 'orders', 'title'],
            items.map((i) => [i.id, i.grade, String(i.level), i.state, i.assignee ?? i.ownerRole, i.responseDeadline ? formatShanghai(i.responseDeadline).slice(5, 16) : '-', String(i.orderCount), i.title.zh]),
          ),
        );
      } finally {
        await context.store.close();
      }
    });

  withConfig(withDb(incident.command('show')))
    .description('one incident: members, checklist, audit trail and messages')
    .argument('<id>', 'incident id')
    .requiredOption('--as <user>', 'who is looking (decides the actions listed)')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { as: string; db?: string; config?: string; json?: boolean }) => {
      await withService(options, async (service, context) => {
        const detail = await service.incidentDetail(id, await actorOf(context, options.as), context.clock.now());
        if (!detail) throw new CliError(`no incident ${id}`);
        if (options.json) {
          printJson(detail);
          return;
        }
        const i = detail.incident;
        print(`${i.id}  ${i.title.zh}`);
        print(`grade ${i.grade} · level ${i.level} · ${i.state} · owner ${i.ownerRole}${i.assignee ? ` (${i.assignee})` : ''}${i.pause ? ` · paused by ${i.pause.by}: ${i.pause.reason}` : ''}`);
        if (i.responseDeadline) print(`respond by ${formatShanghai(i.responseDeadline)}; resolve by ${i.resolutionTarget ? formatShanghai(i.resolutionTarget) : '-'}`);
        print(`orders: ${i.orderIds.join(', ')}`);
        if (i.checklist.length) print(`checklist (${i.playbook}):\n${i.checklist.map((c) => `  [${c.done ? 'x' : ' '}] ${c.id}  ${c.label.zh}${c.done ? ` — ${c.doneBy}` : ''}`).join('\n')}`);
        print('audit trail:');
        print(table(['at', 'who', 'action', 'state', 'why'], detail.log.map((l) => [formatShanghai(l.at), l.actor, l.action, l.toState ?? '', l.reason ?? ''])));
        if (detail.outbox.length) print(`messages:\n${detail.outbox.map((e) => `  ${e.state.padEnd(7)} ${e.receiver} ${e.kind}${e.lastError ? ` (${e.lastError})` : ''}`).join('\n')}`);
        print(`you may: ${detail.allowedActions.join(', ') || '(nothing)'}`);
      });
    });

  for (const a of ACTIONS) {
    const cmd = withConfig(withDb(incident.command(a.name)))
      .description(a.description)
      .argument('<id>', 'incident id')
      .requiredOption('--as <user>', 'who does it (their role is checked)')
      .option('--reason <text>', 'why (goes to the audit trail)')
      .option('--at <time>', 'act as of this ISO-8601 time (replays; default now)', parseTimeOption('--at'))
      .option('--json', 'print the incident after the action as JSON');
    if (a.args) cmd.argument(a.args);
    if (a.name === 'pause') cmd.option('--until <time>', 'resume by itself at this time', parseTimeOption('--until'));
    if (a.name === 'close') cmd.option('--root-cause <class/sub>', 'e.g. external/carrier_delay').option('--note <text>', 'root-cause note');
    if (a.name === 'check') cmd.option('--undo', 'untick instead').option('--note <text>', 'what was done');
    if (a.name === 'compensate') cmd.option('--kind <kind>', 'coupon | gift | shipping_refund | refund').option('--amount <fen>', 'amount in fen', parseIntOption('--amount', 0, 100_000_000)).option('--order <id>', 'the order it is for').option('--note <text>', 'note');
    if (a.name === 'approve' || a.name === 'reject') cmd.option('--note <text>', 'note');
    if (a.name === 'rate') cmd.option('--comment <text>', 'what helped or not');
    cmd.action(async (id: string, ...rest: unknown[]) => {
      const options = (a.args ? rest[1] : rest[0]) as ActOptions;
      const arg = a.args ? (rest[0] as string) : undefined;
      const request = a.build(options, arg);
      await withService(options, async (service, context) => {
        const now: Instant = options.at ?? context.clock.now();
        const after = await service.act(id, await actorOf(context, options.as), request, now);
        if (options.json) printJson({ incident: after });
        else print(`${after.id}: ${a.name} done — now ${after.state}, owner ${after.ownerRole}${after.pause ? ', paused' : ''}`);
      });
    });
  }

  const order = program.command('order').description('take an order over (人工暂停) or hand it back');
  withConfig(withDb(order.command('pause')))
    .description("take an order over: its incidents stop notifying, escalating and messaging the customer")
    .argument('<order>', 'order id, e.g. taobao:123')
    .requiredOption('--as <user>', 'who takes it over')
    .requiredOption('--reason <text>', 'why')
    .option('--until <time>', 'hand back by itself at this time', parseTimeOption('--until'))
    .action(async (orderId: string, options: { as: string; reason: string; until?: number; db?: string; config?: string }) => {
      await withService(options, async (service, context) => {
        await service.pauseOrder(orderId, await actorOf(context, options.as), options.reason, options.until, context.clock.now());
        print(`${orderId} taken over by ${options.as}`);
      });
    });
  withConfig(withDb(order.command('resume')))
    .description('hand a taken-over order back to automation')
    .argument('<order>', 'order id')
    .requiredOption('--as <user>', 'who hands it back')
    .action(async (orderId: string, options: { as: string; db?: string; config?: string }) => {
      await withService(options, async (service, context) => {
        await service.resumeOrder(orderId, await actorOf(context, options.as), context.clock.now());
        print(`${orderId} handed back to automation`);
      });
    });

  withConfig(withDb(program.command('template')))
    .description("render a customer template (apology, reason, remedy, confirmation) with an incident's order; --send to send it through a receiver")
    .argument('<incident>', 'incident id')
    .requiredOption('--template <id>', 'template id (see the policy: templates)')
    .requiredOption('--as <user>', 'the agent (fills {{agent}})')
    .option('--medium <medium>', 'phone | sms | email', 'phone')
    .option('--lang <lang>', 'zh | en', 'zh')
    .option('--order <id>', 'which order of the incident (default its first)')
    .option('--var <name=value...>', 'extra values, e.g. newDate=2026-11-20')
    .option('--send', 'send it (sms or email) through --receiver')
    .option('--receiver <name>', 'receiver to send through')
    .option('--json', 'print as JSON')
    .action(async (incidentId: string, options: { template: string; as: string; medium: string; lang: string; order?: string; var?: string[]; send?: boolean; receiver?: string; db?: string; config?: string; json?: boolean }) => {
      if (!['phone', 'sms', 'email'].includes(options.medium)) throw new CliError('--medium must be phone, sms or email', 2);
      if (!['zh', 'en'].includes(options.lang)) throw new CliError('--lang must be zh or en', 2);
      const vars = Object.fromEntries((options.var ?? []).map((kv) => {
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new CliError(`--var takes name=value, got "${kv}"`, 2);
        return [kv.slice(0, eq), kv.slice(eq + 1)];
      }));
      const request = { template: options.template, medium: options.medium as 'phone', lang: options.lang as 'zh', ...(options.order ? { orderId: options.order } : {}), vars };
      await withService(options, async (service, context) => {
        const actor = await actorOf(context, options.as);
        if (options.send) {
          if (!options.receiver) throw new CliError('--send needs --receiver', 2);
          const r = await service.sendTemplate(incidentId, { ...request, receiver: options.receiver }, actor, context.clock.now());
          print(`queued ${r.outboxId}; \`orderwatch deliver --once\` sends it`);
          return;
        }
        const rendered = await service.renderTemplate(incidentId, request, actor);
        if (options.json) printJson(rendered);
        else print('text' in rendered ? rendered.text : JSON.stringify(rendered, null, 2));
      });
    });
}
