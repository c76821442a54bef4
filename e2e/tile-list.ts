import type { Page } from '@playwright/test';
import { expect } from './harness-fixture.js';

/**
 * Waits until drag and drop has attached to the shown tiles. It attaches in idle time after the list appears and
 * re-creates the tiles, so a click whose press and release straddle that moment lands on a tile that is gone.
 */
export async function tilesSettled(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /^Reorder / }).first()).toBeVisible();
}
