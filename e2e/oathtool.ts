import { execFileSync } from 'node:child_process';
import type { Locator } from '@playwright/test';
import { expect } from './harness-fixture.js';

type TotpOptions = { digits?: number; period?: number; algorithm?: string };

/** The independent oracle: what oathtool says the TOTP code is at `unixSeconds`. */
export function oathtoolTotp(secret: string, unixSeconds: number, { digits = 6, period = 30, algorithm = 'sha1' }: TotpOptions = {}): string {
  return execFileSync('oathtool', [`--totp=${algorithm}`, '-b', '-d', String(digits), '-s', `${period}s`, '-N', `@${unixSeconds}`, secret], { encoding: 'utf8' }).trim();
}

/**
 * Waits until `shown` (a code on screen, grouped or not) is what oathtool gives for `secret` at the moment of
 * reading, by `now` (epoch ms: this machine's clock, or main's when a test moves it); a read across a rollover, or a
 * screen a moment behind one, is read again.
 */
export async function expectOathtoolCode(shown: Locator, secret: string, options: TotpOptions = {}, now: () => number | Promise<number> = Date.now): Promise<void> {
  await expect
    .poll(async () => (await shown.innerText()).replace(/\s/g, '') === oathtoolTotp(secret, Math.floor((await now()) / 1000), options))
    .toBe(true);
}
