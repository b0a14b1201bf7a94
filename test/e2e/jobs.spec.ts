// The three jobs of issue 14, end to end, as their people do them — on a
// laptop (1440×900) and on a phone (390×844), against the one demo server
// global-setup.ts starts:
//  - agent: a customer on the phone gives the last 4 digits → the order →
//    the script rendered for THAT order → sent by SMS;
//  - supervisor: a grade-A incident → acknowledge → comfort SMS sent →
//    resolved and closed in one dialog;
//  - ops manager: dashboard "where" split → the worst warehouse → its
//    delayed orders, filtered → exported.
// On the phone no page may scroll sideways. Screenshots go to
// test/e2e/screenshots/ (git-ignored) to be looked at.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chooseOption } from './choose-option.js';
import { E2E_USERS } from './global-setup.js';

const SHOTS = join(import.meta.dirname, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function signIn(page: Page, name: keyof typeof E2E_USERS): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(E2E_USERS[name]);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByTestId('who')).toBeVisible();
}

/** noSidewaysScroll: at 390 px wide nothing pushes the page past the screen. */
async function noSidewaysScroll(page: Page, width: number): Promise<void> {
  if (width > 400) return;
  await page.waitForTimeout(300);
  const scrollWidth = await page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } } }).document.scrollingElement.scrollWidth);
  expect(scrollWidth, `page ${page.url()} is ${scrollWidth} px wide`).toBeLessThanOrEqual(width);
}

/** fillMissing fills in every value nobody had yet (the placeholders), as the person would before sending. */
async function fillMissing(page: Page): Promise<void> {
  const fields = page.getByTestId('script-missing').locator('input');
  for (let i = 0; i < (await fields.count()); i++) {
    const name = (await fields.nth(i).getAttribute('aria-label')) ?? '';
    await fields.nth(i).fill(/日期/.test(name) ? '12月10日' : /补偿/.test(name) ? '20元无门槛优惠券' : '已确认');
  }
  if ((await fields.count()) > 0) await expect(page.getByTestId('script-placeholder')).toHaveCount(0);
}

/** go opens a section: from the menu on a laptop, from the folded menu on a phone. */
async function go(page: Page, section: string, phone: boolean): Promise<void> {
  if (phone) await page.locator('.ant-layout-sider-zero-width-trigger').click();
  await page.getByRole('menu').getByText(section, { exact: true }).click();
}

for (const vp of VIEWPORTS) {
  const phone = vp.width < 500;
  test.describe(`${vp.name} ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test('agent: last 4 digits → that order → its script → sent by SMS', async ({ page }) => {
      await signIn(page, 'kefu');
      // The customer on the phone has an order that an active incident covers:
      // one with a full mobile to text when the demo has it, else (platforms'
      // virtual numbers) the script goes by e-mail, and the run says so.
      const queue = await (await page.request.get('/api/v1/incidents?tab=all&state=open,acknowledged,in_progress&limit=50')).json();
      let target: { orderId: string; last4: string; channelOrderId: string; product: string; channel: 'sms' | 'email' } | undefined;
      for (const want of ['sms', 'email'] as const) {
        for (const row of queue.items as Array<{ id: string }>) {
          const detail = await (await page.request.get(`/api/v1/incidents/${encodeURIComponent(row.id)}?limit=20`)).json();
          for (const o of detail.orders.items as Array<{ id: string }>) {
            const script = await (await page.request.get(`/api/v1/incidents/${encodeURIComponent(row.id)}/script?template=delay&order=${encodeURIComponent(o.id)}`)).json();
            if (!script.sendBy?.some((c: { channel: string; available: boolean }) => c.channel === want && c.available)) continue;
            const view = await (await page.request.get(`/api/v1/orders/${encodeURIComponent(o.id)}`)).json();
            const last4 = String(view.order.receiver.phone?.raw ?? '').replace(/\D/g, '').slice(-4);
            if (/^\d{4}$/.test(last4) && view.order.items[0]?.title) target = { orderId: o.id, last4, channelOrderId: view.order.channelOrderId, product: view.order.items[0].title, channel: want };
            if (target) break;
          }
          if (target) break;
        }
        if (target) break;
      }
      expect(target, 'an order of an active incident with a phone, a product and a way to send').toBeDefined();
      if (target!.channel !== 'sms') {
        test.info().annotations.push({ type: 'no textable order in the e2e demo', description: 'the agent job sent the script by e-mail' });
        console.log('agent job: no order of an active incident has a full mobile in the e2e demo, sent by e-mail');
      }
      const started = Date.now();
      await go(page, '查单', phone);
      await page.getByLabel('查找订单').fill(target!.last4);
      await page.getByLabel('查找订单').press('Enter');
      const hit = page.locator(phone ? '.search-card' : '.ant-table-tbody tr.ant-table-row', { hasText: target!.channelOrderId });
      await expect(hit).toBeVisible();
      await noSidewaysScroll(page, vp.width);
      await page.screenshot({ path: join(SHOTS, `agent-1-search-${vp.name}.png`), fullPage: true });
      await hit.click();
      await expect(page.getByTestId('order-title')).toContainText(target!.channelOrderId);
      // The script is rendered for THIS order: its product, not another customer's.
      const script = page.getByTestId('rendered-template');
      await expect(script).toBeVisible();
      await expect(script).toContainText(target!.product);
      await expect(page.getByTestId('script-size')).toHaveText(/\d+ 字 · 短信 \d+ 条/);
      await noSidewaysScroll(page, vp.width);
      await page.screenshot({ path: join(SHOTS, `agent-2-order-script-${vp.name}.png`), fullPage: true });
      await page.getByTestId('send-channel').getByText(target!.channel === 'sms' ? '短信' : '邮件', { exact: true }).click();
      await fillMissing(page);
      await page.getByTestId('send-script').click();
      await expect(page.getByText(/已加入发送队列/)).toBeVisible();
      console.log(`agent job (${vp.name}): ${((Date.now() - started) / 1000).toFixed(1)} s from search to sent`);
    });

    test('supervisor: grade-A incident → acknowledge → comfort SMS → closed in one dialog', async ({ page }) => {
      await signIn(page, 'zhuguan');
      const started = Date.now();
      await go(page, '事件队列', phone);
      // The incident: the highest-graded active one (the queue's own order)
      // with an order whose customer can be texted. The small e2e demo lives
      // its history through, so its grade-A incidents may all be closed by
      // its end: the job is then done on the best there is, and the run says so.
      const active = (await (await page.request.get('/api/v1/incidents?tab=all&state=open,acknowledged,in_progress&limit=50')).json()).items as Array<{ id: string; grade: string }>;
      let chosen: { id: string; grade: string; order: { id: string; last4: string }; orders: number; channel: 'sms' | 'email' } | undefined;
      for (const want of ['sms', 'email'] as const) {
        for (const inc of active) {
          const detail = await (await page.request.get(`/api/v1/incidents/${encodeURIComponent(inc.id)}?limit=50`)).json();
          for (const o of detail.orders.items as Array<{ id: string; receiver?: { phone?: string } }>) {
            const script = await (await page.request.get(`/api/v1/incidents/${encodeURIComponent(inc.id)}/script?template=comfort&order=${encodeURIComponent(o.id)}`)).json();
            if (script.sendBy?.some((c: { channel: string; available: boolean }) => c.channel === want && c.available)) {
              chosen = { id: inc.id, grade: inc.grade, order: { id: o.id, last4: String(o.receiver?.phone ?? '').replace(/\D/g, '').slice(-4) }, orders: detail.orders.total, channel: want };
              break;
            }
          }
          if (chosen) break;
        }
        if (chosen) break;
      }
      expect(chosen, 'an active incident with an order whose customer can be messaged').toBeDefined();
      const { grade, order: textable } = chosen!;
      if (chosen!.channel !== 'sms') {
        test.info().annotations.push({ type: 'no textable order in the e2e demo', description: 'the comfort message went by e-mail' });
        console.log('supervisor job: no active incident has an order with a full mobile in the e2e demo, comfort message sent by e-mail');
      }
      if (grade !== 'A') {
        test.info().annotations.push({ type: 'no active grade-A incident with a customer to message in the e2e demo', description: `the supervisor job ran on grade ${grade}` });
        console.log(`supervisor job: no active grade-A incident with a customer to message in the e2e demo, done on grade ${grade}`);
      }
      const tab = grade === 'A' || grade === 'B' ? grade : 'all';
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page).toHaveURL(new RegExp(`tab=${tab}`));
      const first = page.locator(`[data-incident="${chosen!.id}"]`);
      await expect(first).toBeVisible();
      await noSidewaysScroll(page, vp.width);
      await page.screenshot({ path: join(SHOTS, `supervisor-1-queue-${vp.name}.png`), fullPage: true });
      await first.locator('a').first().click();
      await expect(page.getByTestId('call-card')).toBeVisible();
      await expect(page.locator(`[data-grade=${grade}]`).first()).toBeVisible();
      if (await page.getByRole('button', { name: /^响应/ }).isVisible()) {
        await page.getByRole('button', { name: /^响应/ }).click();
        await expect(page.getByTestId('incident-state')).not.toHaveText('待响应');
      }
      if (chosen!.orders > 1) {
        // Found by searching inside the incident (last 4 digits), as the customer says them.
        await page.getByTestId('script-order').click();
        await page.keyboard.type(textable!.last4);
        await page.locator('.ant-select-item-option', { hasText: textable!.id.split(':').pop()! }).click();
        await expect(page).toHaveURL(new RegExp(`order=${encodeURIComponent(textable!.id)}`));
      }
      await expect(page.getByTestId('call-order')).toContainText(textable!.id.split(':').pop()!);
      await page.getByTestId('script-template').click();
      await page.locator('.ant-select-item-option', { hasText: '加急' }).click();
      await expect(page.getByTestId('rendered-template')).toBeVisible();
      await page.getByTestId('send-channel').getByText(chosen!.channel === 'sms' ? '短信' : '邮件', { exact: true }).click();
      await fillMissing(page);
      await page.getByTestId('send-script').click();
      await expect(page.getByText(/已加入发送队列/)).toBeVisible();
      await noSidewaysScroll(page, vp.width);
      await page.screenshot({ path: join(SHOTS, `supervisor-2-incident-${vp.name}.png`), fullPage: true });
      // One dialog resolves and closes, with the root cause.
      await page.getByTestId('close-incident').click();
      const dialog = page.getByRole('dialog');
      await chooseOption(page, dialog, '根因类别', '外部原因');
      await chooseOption(page, dialog, '子原因', '快递延误');
      if (await dialog.getByTestId('close-pending-warning').isVisible()) {
        await dialog.getByText('仍然关闭').click();
        await dialog.getByLabel('强制关闭原因').fill('客户已同意，补偿另行处理');
      }
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await expect(page.getByTestId('incident-state')).toHaveText('已关闭');
      await page.screenshot({ path: join(SHOTS, `supervisor-3-closed-${vp.name}.png`), fullPage: true });
      console.log(`supervisor job (${vp.name}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });

    test('ops manager: where split → the worst warehouse → its delayed orders → export', async ({ page }) => {
      await signIn(page, 'jingli');
      const started = Date.now();
      const where = page.getByTestId('where-card');
      await expect(where, 'the dashboard shows the warehouse/SKU/carrier/shop split').toBeVisible();
      await page.getByTestId('where-split').getByText('仓库', { exact: true }).click();
      const worst = where.locator('.ant-table-tbody tr.ant-table-row').first();
      await expect(worst).toBeVisible();
      const warehouse = (await worst.getAttribute('data-where'))!;
      await noSidewaysScroll(page, vp.width);
      await page.screenshot({ path: join(SHOTS, `ops-1-dashboard-${vp.name}.png`), fullPage: true });
      await worst.click();
      await expect(page).toHaveURL(/\/dashboard\/orders\?.*warehouse=/);
      await expect(page.getByTestId('filter-warehouse')).toBeVisible();
      const rows = page.locator(phone ? '.delayed-card' : '.ant-table-tbody tr.ant-table-row');
      await expect(rows.first()).toBeVisible();
      await expect(rows.first()).toContainText(warehouse);
      await noSidewaysScroll(page, vp.width);
      await page.screenshot({ path: join(SHOTS, `ops-2-warehouse-orders-${vp.name}.png`), fullPage: true });
      const href = (await page.getByTestId('export-delayed').getAttribute('href'))!;
      const file = await page.request.get(href);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toContain('spreadsheetml');
      console.log(`ops manager job (${vp.name}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
      // A grade tag on the KPI card opens the queue filtered to that grade.
      await page.goto('/');
      await page.getByTestId('kpi-grade-B').click();
      await expect(page).toHaveURL(/\/incidents\?tab=B/);
      await expect(page.getByTestId('queue-total')).toBeVisible();
    });
  });
}
