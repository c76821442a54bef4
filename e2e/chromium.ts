import type { LaunchOptions } from '@playwright/test';

/**
 * How every spec launches Debian's Chromium (never a downloaded browser). Specs that need more flags (a fake camera,
 * an automatic screen-capture choice) add them with `test.use({ launchOptions: chromiumLaunchOptions([...]) })`.
 */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  };
}
