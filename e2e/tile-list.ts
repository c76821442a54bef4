import type { Page } from '@playwright/test';
import { expect } from './harness-fixture.js';

/**
 * Waits until drag and drop has attached to the shown tiles. It attaches in idle time after the list appears and
 * re-creates the tiles, so a click whose press and release straddle that moment lands on a tile that is gone.
 */
export async function tilesSettled(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /^Reorder / }).first()).toBeVisible();
}

/** Opens an account's full-screen view from its tile's menu ("More actions for <label>" > "Open full view"). */
export async function openDetails(page: Page, label: string | RegExp): Promise<void> {
  const name = typeof label === 'string' ? `More actions for ${label}` : new RegExp(`^More actions for ${label.source.replace(/^\^/, '')}`);
  await page.getByRole('button', { name, exact: typeof label === 'string' }).click();
  await page.getByRole('menuitem', { name: 'Open full view' }).click();
}
