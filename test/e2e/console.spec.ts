// The console as people use it, against the real server and a demo business:
// sign in, read the dashboard chart, drill down to an order, search by the
// last four digits of a phone, acknowledge, pause and close an incident, and
// switch to English. Screenshots go to test-results/e2e/screens/.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chooseOption } from './choose-option.js';
import { E2E_USERS } from './global-setup.js';

const SCREENS = join(import.meta.dirname, '../../test-results/e2e/screens');
mkdirSync(SCREENS, { recursive: true });

test.describe.configure({ mode: 'serial' });

let page: Page;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}

async function signIn(name: keyof typeof E2E_USERS): Promise<number> {
  await page.goto('/');
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码').fill(E2E_USERS[name]);
  const started = Date.now();
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('[data-testid=trend-chart][data-rendered=true]').waitFor();
  return Date.now() - started;
}

/** barTotals reads the drawn trend chart: the total of every day's stacked bar. */
async function barTotals(): Promise<number[]> {
  return page.evaluate(() => {
    const chart = (globalThis as unknown as { __orderwatchCharts: Record<string, { getOption(): { series: Array<{ data: number[] }> } }> }).__orderwatchCharts['trend-chart']!;
    const series = chart.getOption().series;
    return series[0]!.data.map((_v, i) => series.reduce((n, s) => n + Number(s.data[i] ?? 0), 0));
  });
}

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});

test.afterAll(async () => {
  await page.close();
});

test('an agent sees the sections of an agent only', async () => {
  await signIn('kefu');
  const menu = page.getByRole('menu');
  await expect(menu.getByText('看板')).toBeVisible();
  await expect(menu.getByText('事件队列')).toBeVisible();
  await expect(menu.getByText('规则与阈值')).toHaveCount(0);
  await expect(menu.getByText('系统管理')).toHaveCount(0);
  await page.getByRole('button', { name: /退\s*出/ }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
});

test('a supervisor signs in and reads the dashboard chart', async () => {
  const ms = await signIn('zhuguan');
  test.info().annotations.push({ type: 'chart shown after sign-in', description: `${ms} ms` });
  console.log(`dashboard chart shown ${ms} ms after sign-in (small demo business)`);
  const totals = await barTotals();
  const sum = totals.reduce((a, b) => a + b, 0);
  expect(sum).toBeGreaterThan(0);
  await expect(page.getByTestId('delayed-total')).toContainText(String(sum));
  await expect(page.getByText('未结事件')).toBeVisible();
  await page.waitForTimeout(600);
  await shot('01-dashboard');
});

test('a click on a bar lists its delayed orders, a row opens the order 360', async () => {
  // Every card above the chart has its figures: nothing moves the chart while it is clicked.
  await page.getByTestId('kpi-open').locator('.ant-statistic').waitFor();
  await page.waitForTimeout(300);
  const totals = await barTotals();
  const day = totals.indexOf(Math.max(...totals));
  const point = await page.evaluate((i) => {
    const chart = (globalThis as unknown as { __orderwatchCharts: Record<string, { convertToPixel(finder: object, value: number[]): number[] }> }).__orderwatchCharts['trend-chart']!;
    return chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [i, 0.5]);
  }, day);
  // The war-room cards above may push the chart below the fold: a click lands only where the screen is.
  await page.getByTestId('trend-chart').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('trend-chart').boundingBox())!;
  await page.mouse.click(box.x + point[0]!, box.y + point[1]! - 2);
  await expect(page).toHaveURL(/\/dashboard\/orders\?.*day=/);
  await expect(page.getByTestId('filter-day')).toBeVisible();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await shot('02-delayed-orders');
  await rows.first().click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(page.getByTestId('order-title')).toContainText('订单 360');
  await expect(page.getByTestId('stage-threshold')).toContainText('已停留');
  await shot('03-order-360');
});

test('search by the last four digits of a phone finds the order', async () => {
  const orderId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  const view = await (await page.request.get(`/api/v1/orders/${encodeURIComponent(orderId)}`)).json();
  const phone: string = view.order.receiver.phone?.raw ?? '';
  const last4 = phone.replace(/\D/g, '').slice(-4);
  expect(last4).toMatch(/^\d{4}$/);
  await page.getByRole('menu').getByText('查单').click();
  await page.getByLabel('查找订单').fill(last4);
  await page.getByLabel('查找订单').press('Enter');
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: view.order.channelOrderId });
  await expect(row).toBeVisible();
  await shot('04-search-last4');
  await row.click();
  await expect(page.getByTestId('order-title')).toContainText(view.order.channelOrderId);
});

test('the queue updates live, then an incident is acknowledged, paused and closed with a root cause', async () => {
  // The admin may act on every incident (the supervisor only on those the role owns or stands above).
  await page.getByRole('button', { name: /退\s*出/ }).click();
  await signIn('admin');
  await page.getByRole('menu').getByText('事件队列').click();
  await expect(page.getByTestId('live-status')).toContainText('实时');
  // Incidents this supervisor may acknowledge (by role and ownership).
  const open = page.locator('tr[data-state=open][data-may~=acknowledge]');
  await expect(open.first()).toBeVisible();
  // A change made elsewhere (here: through the API) reaches the open page without a reload.
  const elsewhere = (await open.nth(1).getAttribute('data-incident'))!;
  // With the browser's session a state-changing call carries the session's CSRF token, as the console does.
  const csrf = (await page.context().cookies()).find((c) => c.name === 'ow_csrf')!.value;
  expect((await page.request.post(`/api/v1/incidents/${elsewhere}/actions`, { data: { type: 'acknowledge' }, headers: { 'x-csrf-token': csrf } })).ok()).toBe(true);
  // Acknowledged, it leaves the 待响应 tab.
  await expect(page.locator(`tr[data-incident="${elsewhere}"]`)).toHaveCount(0, { timeout: 15_000 });
  // Bulk acknowledge one more from the queue.
  const id = (await open.first().getAttribute('data-incident'))!;
  await page.locator(`tr[data-incident="${id}"] input[type=checkbox]`).check();
  await page.getByTestId('bulk-ack').click();
  await expect(page.locator(`tr[data-incident="${id}"]`)).toHaveCount(0);
  await page.getByTestId('tab-all').click();
  await expect(page.locator(`tr[data-incident="${id}"]`)).toHaveAttribute('data-state', 'acknowledged');
  await shot('05-queue');

  // The live queue re-sorts as the worker opens and changes incidents, so on a loaded machine the row can
  // move to another page (or be replaced mid-click): the incident's own address, its link's target, is opened.
  await page.goto(`/incidents/${id}`);
  await expect(page.getByTestId('incident-state')).toHaveText('已响应');
  // The evidence PDF: a link where the reports module serves it, else disabled with its reason.
  await expect(page.getByText('证据报告 PDF')).toBeVisible();
  await page.getByRole('button', { name: '暂停自动化（接管）' }).click();
  await page.getByLabel('暂停原因').fill('主管接管，已电话联系客户');
  await page.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByTestId('incident-paused')).toContainText('主管接管');
  // A coupon is granted (or waits for approval above the role's limit).
  await page.getByRole('button', { name: /发\s*放/ }).click();
  await expect(page.locator('.ant-table-row', { hasText: '优惠券' })).toContainText('10.00');
  await page.getByRole('button', { name: '标记解决', exact: true }).click();
  await expect(page.getByTestId('incident-state')).toHaveText('已解决');
  await page.getByRole('button', { name: '关闭（填写根因）' }).click();
  const dialog = page.getByRole('dialog');
  await chooseOption(page, dialog, '根因类别', '外部原因');
  await chooseOption(page, dialog, '子原因', '快递延误');
  await dialog.getByLabel('说明').fill('快递网点运力不足');
  // A coupon above the admin's own limit waits for approval: closing warns, and is forced with a reason.
  if (await dialog.getByTestId('close-pending-warning').isVisible()) {
    await dialog.getByText('仍然关闭').click();
    await dialog.getByLabel('强制关闭原因').fill('补偿另行审批');
  }
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByTestId('incident-state')).toHaveText('已关闭');
  await expect(page.getByText('外部原因 / 快递延误 — 快递网点运力不足')).toBeVisible();
  // Staff rate the playbook after use.
  await page.locator('.ant-rate').first().locator('.ant-rate-star').nth(3).click();
  await page.getByRole('button', { name: '提交评分' }).click();
  await expect(page.locator('.ant-rate-disabled')).toBeVisible();
  await shot('06-incident-closed');
});

test('the console switches to English', async () => {
  await page.getByTestId('lang-switch').click();
  await page.getByRole('menu').getByText('Dashboard').click();
  await expect(page.getByText('Delayed orders per day (by order date)')).toBeVisible();
  await expect(page.getByText('Open incidents')).toBeVisible();
  await page.locator('[data-testid=trend-chart][data-rendered=true]').waitFor();
  await page.waitForTimeout(600);
  await shot('07-dashboard-en');
  await page.getByRole('menu').getByText('Incidents').click();
  await expect(page.getByRole('heading', { name: 'Incident queue' })).toBeVisible();
  await shot('08-queue-en');
  // Back to Chinese for whoever uses this browser next.
  await page.getByTestId('lang-switch').click();
});
