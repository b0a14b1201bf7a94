import { expect, type Locator, type Page } from '@playwright/test';

/**
 * chooseOption picks `option` in the select labelled `label` inside a
 * dialog with the keyboard, as a person may: arrow down to open the list,
 * down to the option, Enter. Clicked with the mouse, an option of a list
 * still in its opening animation was, once in many runs on a loaded
 * machine, not chosen and the list stayed open over the dialog's 确定;
 * keys go to the focused select whatever its list is drawing. The choice
 * is then checked where the person sees it.
 */
export async function chooseOption(page: Page, dialog: Locator, label: string, option: string): Promise<void> {
  const box = dialog.getByLabel(label);
  await box.focus();
  await box.press('ArrowDown');
  const list = page.locator('.ant-select-dropdown:visible');
  await expect(list).toHaveCount(1);
  const options = list.locator('.ant-select-item-option');
  await expect(options.first()).toBeVisible();
  const texts = (await options.allTextContents()).map((s) => s.trim());
  if (!texts.some((s) => s.includes(option))) throw new Error(`${label}: no option "${option}" among ${texts.join(', ')}`);
  for (let step = 0; step <= texts.length; step++) {
    const active = ((await list.locator('.ant-select-item-option-active').textContent()) ?? '').trim();
    if (active.includes(option)) break;
    await box.press('ArrowDown');
    // The next active option is drawn before the next key (the list wraps at its end).
    const next = texts[(texts.indexOf(active) + 1) % texts.length]!;
    await expect(list.locator('.ant-select-item-option-active')).toHaveText(next);
  }
  await box.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(dialog.locator('.ant-form-item', { has: page.getByLabel(label) })).toContainText(option);
}
