import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ActionError, type ActionRequest } from '../../domain/incident-action.js';
import type { Incident } from '../../domain/incident.js';
import { ROLE_NAMES_ZH } from '../../domain/role.js';
import { formatShanghai, type Clock } from '../../domain/time.js';
import { LINK_ACTION_LABELS, verifyLink, type LinkAction, type LinkClaims } from '../../domain/action-link.js';
import type { ActionLinkStore } from '../../store/action-link-repository.js';
import type { ResponseStore } from '../../store/response-store.js';
import { LABELS } from '../../report/labels.js';
import type { RouteRegistry } from '../route-registry.js';
import type { Responder } from './incident-routes.js';

/** How long 暂停提醒 from a message holds the incident's reminders and escalations. */
export const LINK_PAUSE_MS = 2 * 3_600_000;

/** ActionLinkRouteDeps: the signing secret in effect, the incidents, the uses of links, and the response use case. */
export interface ActionLinkRouteDeps {
  readonly secret: () => string | undefined;
  readonly response: ResponseStore;
  readonly links: ActionLinkStore;
  readonly responder?: () => Responder;
  readonly clock: Clock;
}

// The token rides in the query: a path parameter is capped at 100 characters by the router.
const Token = z.object({ t: z.string().min(10).max(1000) }).strict();

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** page is the small standalone page a link opens (no console, no script): a heading, lines, and maybe one button. */
function page(reply: FastifyReply, status: number, title: string, lines: readonly string[], form?: { action: string; button: string }): FastifyReply {
  const html = [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:-apple-system,\'PingFang SC\',\'Microsoft YaHei\',sans-serif;max-width:480px;margin:32px auto;padding:0 16px;line-height:1.6;color:#222">',
    `<h2>${escapeHtml(title)}</h2>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    form
      ? `<form method="post" action="${escapeHtml(form.action)}"><button type="submit" style="font-size:18px;padding:10px 28px;background:#1677ff;color:#fff;border:0;border-radius:6px">${escapeHtml(form.button)}</button></form>`
      : '',
    '<p style="color:#888;font-size:12px">orderwatch</p>',
    '</body></html>',
  ].join('\n');
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(html);
}

function describeIncident(incident: Incident): string[] {
  return [`${incident.id} · ${incident.grade} 级 · ${incident.title.zh}`, `${incident.title.en}`];
}

/**
 * registerActionLinkRoutes adds the landing of the one-click links in
 * messages (docs/notifications.md). GET never changes anything — chat apps
 * and mail scanners prefetch links — it shows what the link will do and one
 * button; that button POSTs, which verifies the signature and expiry again,
 * uses the link up (a second use is refused) and acts as the role the
 * message went to. 查看 simply opens the incident in the console, where the
 * person signs in as usual.
 */
export function registerActionLinkRoutes(routes: RouteRegistry, deps: ActionLinkRouteDeps): void {
  const check = (token: string): { ok: true; claims: LinkClaims } | { ok: false; status: number; lines: string[] } => {
    const secret = deps.secret();
    if (!secret) return { ok: false, status: 404, lines: ['此服务器未启用消息快捷链接。', 'One-click links are not enabled on this server.'] };
    const result = verifyLink(secret, token, deps.clock.now());
    if (!result.ok) return { ok: false, status: result.refusal.code === 'expired' ? 410 : 400, lines: [result.refusal.message.zh, result.refusal.message.en] };
    return result;
  };

  routes.add(
    {
      method: 'GET',
      url: '/a',
      summary: 'Landing of a one-click link from a message: shows the incident and what the link does, with one confirming button (changes nothing); 查看 redirects to the console',
      tag: 'incidents',
      access: 'public',
      query: Token,
      responseDescription: 'text/html',
    },
    async ({ query, reply }) => {
      const checked = check(query.t);
      if (!checked.ok) return page(reply, checked.status, '链接无效 · Link refused', checked.lines);
      const { claims } = checked;
      if (claims.action === 'view') return reply.code(303).header('cache-control', 'no-store').redirect(`/#/incidents/${encodeURIComponent(claims.incidentId)}`, 303);
      const incident = await deps.response.getIncident(claims.incidentId);
      if (!incident) return page(reply, 404, '没有这个事件 · No such incident', [claims.incidentId]);
      const used = await deps.links.usedAt(claims.nonce);
      const label = LINK_ACTION_LABELS[claims.action];
      if (used !== undefined) return page(reply, 410, `链接已使用 · Link already used`, [...describeIncident(incident), `此链接已于 ${formatShanghai(used).slice(0, 16)} 使用过，请在控制台查看。`, 'This link was used already: see the console.']);
      // Nothing to do: say so now rather than use the link up on a refusal.
      if (claims.action === 'acknowledge' && incident.state !== 'open') {
        return page(reply, 200, `无需认领 · Nothing to acknowledge`, [...describeIncident(incident), `事件已是「${LABELS.incidentState(incident.state)}」状态。`, `The incident is already ${incident.state}.`]);
      }
      if (claims.action === 'pause' && incident.pause !== undefined) {
        return page(reply, 200, `已暂停 · Already paused`, [...describeIncident(incident), `提醒已暂停${incident.pause.until !== undefined ? `至 ${formatShanghai(incident.pause.until).slice(0, 16)}` : ''}。`, 'Its reminders are paused already.']);
      }
      const what = claims.action === 'pause' ? `暂停此事件的提醒与升级 ${LINK_PAUSE_MS / 3_600_000} 小时` : '认领此事件（确认已收到，开始处理）';
      return page(
        reply,
        200,
        `${label.zh} · ${label.en}`,
        [...describeIncident(incident), `将以「${ROLE_NAMES_ZH[claims.role]}」身份${what}。`, `链接有效至 ${formatShanghai(claims.expiresAt).slice(0, 16)}，只能使用一次。`],
        { action: `/a?t=${encodeURIComponent(query.t)}`, button: `确认${label.zh} · ${label.en}` },
      );
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/a',
      summary: 'Carry out a one-click link (the landing page posts here): verified, used once, acting as the role the message went to',
      tag: 'incidents',
      access: 'public',
      bodyType: 'form',
      query: Token,
      responseDescription: 'text/html',
    },
    async ({ query, reply }) => {
      const checked = check(query.t);
      if (!checked.ok) return page(reply, checked.status, '链接无效 · Link refused', checked.lines);
      const { claims } = checked;
      if (claims.action === 'view') return reply.code(303).redirect(`/#/incidents/${encodeURIComponent(claims.incidentId)}`, 303);
      if (!deps.responder) return page(reply, 503, '暂不可用 · Unavailable', ['此服务器不处理事件操作。', 'This server does not carry out incident actions.']);
      const now = deps.clock.now();
      const actor = { name: `消息链接·${ROLE_NAMES_ZH[claims.role]}`, role: claims.role };
      // Used up before acting: two clicks at once cannot both act, and a replay is refused.
      if (!(await deps.links.claim({ nonce: claims.nonce, incidentId: claims.incidentId, action: claims.action, usedBy: actor.name, usedAt: now, expiresAt: claims.expiresAt }))) {
        return page(reply, 410, '链接已使用 · Link already used', ['此链接只能使用一次，请在控制台查看事件。', 'This link can be used once: see the incident in the console.']);
      }
      const request: ActionRequest = requestFor(claims.action, now);
      try {
        const incident = await deps.responder().act(claims.incidentId, actor, request, now);
        const label = LINK_ACTION_LABELS[claims.action];
        return page(reply, 200, `已${label.zh} · Done`, [...describeIncident(incident), `状态：${LABELS.incidentState(incident.state)}`, `在控制台继续处理：/#/incidents/${incident.id}`]);
      } catch (error) {
        if (error instanceof ActionError) return page(reply, error.status, '未能完成 · Not done', [error.bilingual.zh, error.bilingual.en, '请在控制台处理。 Please use the console.']);
        throw error;
      }
    },
  );
}

function requestFor(action: Exclude<LinkAction, 'view'>, now: number): ActionRequest {
  return action === 'pause' ? { type: 'pause', reason: '通过消息链接暂停提醒', until: now + LINK_PAUSE_MS } : { type: 'acknowledge', reason: '通过消息链接认领' };
}
