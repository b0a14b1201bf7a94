import { expect, type Locator, type Page } from '@playwright/test';

/**
 * choose picks an option of an Ant Design select and waits until its list has
 * closed. On a loaded machine a click can land while the list is still
 * animating in, and a list left open covers the dialog's buttons beneath it
 * (a CI run timed out clicking 确定 under an open 子原因 list). A list
 * closes with an animation, so it is given two seconds to close by itself;
 * only one still open after that is closed by a click on its select, which
 * toggles it (Escape or a click outside could close the dialog around it).
 */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await select.click();
  await open.locator('.ant-select-item-option', { hasText: option }).first().click();
  const closed = await expect(open)
    .toHaveCount(0, { timeout: 2000 })
    .then(() => true, () => false);
  if (closed) return;
  await select.click();
  await expect(open).toHaveCount(0, { timeout: 5000 });
}
