import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseSettings, reloadSettings, validateSettings } from './load-settings.js';
import { DEFAULT_SETTINGS } from './settings.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'policy.yaml');

function issuesOf(text: string): { path: string; message: string }[] {
  try {
    parseSettings(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the policy file', () => {
  it('accepts the example that sets every section, and reads it as written', () => {
    const s = parseSettings(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(s.receivers.map((r) => r.type)).toEqual(['dingtalk', 'wecom', 'feishu', 'email', 'sms', 'webhook', 'ticket']);
    expect(s.routes).toHaveLength(6);
    expect(s.grading.rules.map((r) => r.name)).toContain('fragile-wrong');
    const highValue = s.grading.rules.find((r) => r.name === 'high-value-late');
    expect(highValue?.match).toEqual({ code: ['stage.stalled', 'promise.breached'], orderValueFen: { min: 80_000 } });
    expect(highValue?.then).toMatchObject({ respondWithin: 3_600_000, responseClock: 'business', resolveWithin: 18 * 3_600_000 });
    // Records merge over the defaults by key: the file's agent limit, the default ops manager's.
    expect(s.compensation.limitsFen.agent).toEqual({ coupon: 3000, gift: 2000, shipping_refund: 1500 });
    expect(s.compensation.limitsFen.ops_manager?.coupon).toBe(50_000);
    expect(s.compensation.limitsFen.executive?.refund).toBe('unlimited');
    expect(Object.keys(s.playbooks)).toEqual(expect.arrayContaining(['grade-a', 'level-3', 'fragile-goods']));
    expect(Object.keys(s.templates)).toEqual(expect.arrayContaining(['delay', 'fragile']));
    expect(s.onCall.schedules[1]?.shifts).toHaveLength(3);
    expect(s.rootCauses.notAbnormal.map((c) => c.id)).toEqual(['legitimate_delay', 'duplicate_alert']);
    expect(s.reminders.intervals).toEqual([1_800_000, 3_600_000, 7_200_000, 14_400_000]);
  });

  it('is complete with only receivers and routes: every other section is the shipped default', () => {
    const s = parseSettings(
      'receivers:\n  - name: cs-supervisors\n    type: dingtalk\n    url: https://oapi.dingtalk.com/robot/send?access_token=abc\n    secret: SECabc\nroutes:\n  - match: { grade: A }\n    receivers: [cs-supervisors]\n',
      'min.yaml',
    );
    expect(s.receivers).toEqual([{ name: 'cs-supervisors', type: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECabc' }]);
    expect(s.routes).toEqual([{ match: { grade: 'A' }, receivers: ['cs-supervisors'] }]);
    const { receivers: _r, routes: _o, ...rest } = s;
    const { receivers: _dr, routes: _do, ...defaults } = DEFAULT_SETTINGS;
    expect(rest).toEqual(defaults);
    expect(s.grading.rules.length).toBeGreaterThan(10);
  });

  it('takes an empty file as all defaults', () => {
    expect(parseSettings('', 'empty.yaml')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('# nothing yet\n', 'empty.yaml')).toEqual(DEFAULT_SETTINGS);
  });

  it('lists every error of a bad file with its path, across sections', () => {
    const text = [
      'colour: blue',
      'receivers:',
      '  - { name: team, type: wecom, url: "ftp://example.com/x" }',
      '  - { name: team, type: ticket }',
      '  - { name: pager, type: pagerduty }',
      'routes:',
      '  - { match: { grade: E }, receivers: [team] }',
      '  - { match: { level: [1, 5] }, receivers: [nobody] }',
      'grading:',
      '  rules:',
      '    - name: only',
      '      match: { code: stage.stalled }',
      '      then: { grade: A, level: 1, ownerRole: agent, respondWithin: 1d, resolveWithin: 9h, playbook: grade-a }',
      'reminders: { intervals: [soon] }',
      'compensation: { limitsYuan: { agent: { coupon: 20.001 } } }',
      'playbooks:',
      '  mine: { title: { zh: 我的, en: mine }, items: [{ id: a, kind: call, zh: 打电话, en: call, template: missing }] }',
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      { path: 'colour', message: 'is not a known setting' },
      { path: 'receivers[0].url', message: 'expected the full http(s) URL' },
      { path: 'receivers[2].type', message: "Invalid discriminator value. Expected 'wecom' | 'dingtalk' | 'feishu' | 'email' | 'sms' | 'webhook' | 'ticket'" },
      { path: 'routes[0].match.grade', message: 'Invalid option: expected one of "A"|"B"|"C"|"D"' },
      { path: 'routes[1].match.level[1]', message: 'Invalid option: expected one of 1|2|3' },
      { path: 'grading.rules[0].then.respondWithin', message: 'expected a duration in hours and minutes like "30m", "2h" or "9h" (no days: a business day is the warehouse day), got "1d"' },
      { path: 'reminders.intervals[0]', message: 'expected a duration like "30m", "2h" or "1h30m", got "soon"' },
      { path: 'compensation.limitsYuan.agent.coupon', message: 'expected an amount in yuan with at most two decimals' },
      { path: 'receivers[1].name', message: 'duplicate receiver name "team" (also receivers[0])' },
      { path: 'routes[1].receivers[0]', message: 'no receiver named "nobody"' },
      { path: 'playbooks.mine.items[0].template', message: 'no template named "missing"' },
    ]);
  });

  it.each([
    {
      name: 'a last rule that does not match everything',
      text: 'grading:\n  rules:\n    - { name: r, match: { tier: vip }, then: { grade: A, level: 1, ownerRole: supervisor, respondWithin: 30m, resolveWithin: 9h, playbook: grade-a } }\n',
      path: 'grading.rules[0].match',
      message: 'the last rule must match every finding (match: {}) so that every finding gets a grade',
    },
    {
      name: 'two rules of one name',
      text: 'grading:\n  rules:\n    - { name: r, then: { grade: A, level: 1, ownerRole: supervisor, respondWithin: 30m, resolveWithin: 9h, playbook: grade-a } }\n    - { name: r, then: { grade: A, level: 1, ownerRole: supervisor, respondWithin: 30m, resolveWithin: 9h, playbook: grade-a } }\n',
      path: 'grading.rules[1].name',
      message: 'duplicate rule name "r" (also rules[0])',
    },
    {
      name: 'a rule naming a playbook that does not exist',
      text: 'grading:\n  rules:\n    - { name: r, match: {}, then: { grade: A, level: 1, ownerRole: supervisor, respondWithin: 30m, resolveWithin: 9h, playbook: nope } }\n',
      path: 'grading.rules[0].then.playbook',
      message: 'no playbook named "nope"',
    },
    {
      name: 'a delay range upside down',
      text: 'grading:\n  rules:\n    - { name: r, match: { delayDays: { min: 5, max: 3 } }, then: { grade: A, level: 1, ownerRole: supervisor, respondWithin: 30m, resolveWithin: 9h, playbook: grade-a } }\n    - { name: rest, then: { grade: C, level: 1, ownerRole: agent, respondWithin: 9h, resolveWithin: 27h, playbook: grade-c } }\n',
      path: 'grading.rules[0].match.delayDays',
      message: 'min must not be greater than max',
    },
    {
      name: 'a template with an unknown variable',
      text: 'templates:\n  t:\n    subject: { zh: "{{buyer}}", en: x }\n    apology: { zh: a, en: a }\n    reason: { zh: a, en: a }\n    remedy: { zh: a, en: a }\n    confirmation: { zh: a, en: a }\n',
      path: 'templates.t.subject.zh',
      message: 'unknown variable {{buyer}} (known: customer, agent, product, reason, newDate, compensation)',
    },
    {
      name: 'a template with an unpaired brace',
      text: 'templates:\n  t:\n    subject: { zh: x, en: x }\n    apology: { zh: "{{customer}", en: a }\n    reason: { zh: a, en: a }\n    remedy: { zh: a, en: a }\n    confirmation: { zh: a, en: a }\n',
      path: 'templates.t.apology.zh',
      message: 'unpaired "{{" or "}}"',
    },
    {
      name: 'an off-chain role escalating to a role outside the chain',
      text: 'escalation:\n  offChain: { warehouse: admin }\n',
      path: 'escalation.offChain.warehouse',
      message: '"admin" is not in the chain',
    },
    {
      name: 'a role twice in the escalation chain',
      text: 'escalation:\n  chain: [agent, supervisor, agent]\n',
      path: 'escalation.chain[2]',
      message: '"agent" appears twice in the chain',
    },
    {
      name: 'an on-call schedule with neither rotation nor shifts',
      text: 'onCall:\n  schedules:\n    - role: supervisor\n',
      path: 'onCall.schedules[0]',
      message: 'give either rotation or shifts, not both and not neither',
    },
    {
      name: 'quiet hours that start when they end',
      text: 'onCall:\n  quietHours: { start: "22:00", end: "22:00" }\n',
      path: 'onCall.quietHours.end',
      message: 'start and end must differ',
    },
    {
      name: 'a time of day that is not one',
      text: 'onCall:\n  quietHours: { start: "25:00" }\n',
      path: 'onCall.quietHours.start',
      message: 'expected a time of day like "08:00"',
    },
    {
      name: 'a false-alarm sub-cause that does not exist',
      text: 'rootCauses:\n  falseAlarm: [ghost]\n',
      path: 'rootCauses.falseAlarm[0]',
      message: 'no sub-cause with id "ghost"',
    },
    {
      name: 'a sub-cause id used in two classes',
      text: 'rootCauses:\n  human:\n    - { id: weather, zh: 天气, en: weather }\n',
      path: 'rootCauses.external[1].id',
      message: 'duplicate sub-cause id "weather" (also in human)',
    },
    {
      name: 'a compensation limit that is neither an amount nor unlimited',
      text: 'compensation:\n  limitsYuan: { agent: { coupon: lots } }\n',
      path: 'compensation.limitsYuan.agent.coupon',
      message: 'expected an amount in yuan or "unlimited"',
    },
    {
      name: 'an unknown key inside a receiver',
      text: 'receivers:\n  - { name: t, type: ticket, url: "https://x.example" }\n',
      path: 'receivers[0].url',
      message: 'is not a known setting',
    },
    {
      name: 'an e-mail receiver without recipients',
      text: 'receivers:\n  - { name: m, type: email, smtp: { host: smtp.example.com, port: 25 }, from: a@example.com, to: [] }\n',
      path: 'receivers[0].to',
      message: 'expected at least one address',
    },
    {
      name: 'a duplicate checklist item id',
      text: 'playbooks:\n  p: { title: { zh: p, en: p }, items: [{ id: a, kind: call, zh: a, en: a }, { id: a, kind: sms, zh: b, en: b }] }\n',
      path: 'playbooks.p.items[1].id',
      message: 'duplicate item id "a"',
    },
  ])('refuses $name', ({ text, path, message }) => {
    expect(issuesOf(text)).toEqual([{ path, message }]);
  });

  it('reports YAML syntax errors and duplicate keys by line', () => {
    expect(issuesOf('routes:\n  - match: {}\n    receivers: [a]\nroutes: []\n')[0]).toMatchObject({ path: 'line 4' });
  });

  it('refuses a file whose top is not a mapping', () => {
    expect(validateSettings(['receivers'])).toEqual({ ok: false, issues: [{ path: '', message: 'expected a mapping of sections (server, receivers, routes …) at the top of the file' }] });
  });
});

describe('reloadSettings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-config-'));
  const file = join(dir, 'policy.yaml');

  it('takes a good file and keeps the running settings on a bad one', () => {
    writeFileSync(file, 'receivers:\n  - { name: tickets, type: ticket }\nroutes:\n  - { receivers: [tickets] }\n');
    const good = reloadSettings(file, DEFAULT_SETTINGS);
    expect(good.error).toBeUndefined();
    expect(good.settings.receivers).toEqual([{ name: 'tickets', type: 'ticket' }]);

    writeFileSync(file, 'receivers:\n  - { name: tickets, type: ticket }\nroutes:\n  - { receivers: [tikets] }\n');
    const bad = reloadSettings(file, good.settings);
    expect(bad.settings).toBe(good.settings);
    expect(bad.error?.issues).toEqual([{ path: 'routes[0].receivers[0]', message: 'no receiver named "tikets"' }]);
  });
});
