import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { animationsSettled } from './settled.js';

/** axe-core's WCAG A/AA rules, on the settled screen; serious and critical findings fail the test, with their details. */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  await animationsSettled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** The same, for the screen as it is, in the light and the dark theme (left in the light one). */
export async function expectNoSeriousViolationsLightAndDark(page: Page, where: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousViolations(page, `${where} (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
