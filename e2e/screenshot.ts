import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

const shots = path.resolve(import.meta.dirname, '../.test-output/screens');

/**
 * Saves a screenshot as .test-output/screens/<name>.png, to be looked at: the full page, or only the window (a
 * virtualised list has nothing to show below the rows it rendered).
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await fs.mkdir(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage });
}
