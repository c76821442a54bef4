import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium.js';

// Debian's Chromium, never a downloaded browser. The harness (main/harness) is started per test by the fixture in
// e2e/harness-fixture.ts, each with a data folder of its own; the emulators (emulators/) once per worker, by the
// specs that use them, and reset before each of their tests.
export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: '.test-output/playwright.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
  },
});
