import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createAppCore, type AppCore, type CoreDeps } from '../app-core.js';
import { ManualClock } from '../clock.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { silentLogger } from '../logger.js';

let core: AppCore | undefined;
afterEach(() => core?.dispose());

/** A core whose system browser remembers what it was asked to open. */
function coreWithBrowser(extra: Partial<CoreDeps> = {}) {
  const opened: string[] = [];
  core = createAppCore({
    dataDir: mkdtempSync(path.join(tmpdir(), 'help-')),
    keyStore: memoryKeyStore(),
    clock: new ManualClock(1_700_000_000_000),
    log: silentLogger,
    openBrowser: async (url) => void opened.push(url),
    ...extra,
  });
  return { core, opened };
}

describe('openHelpLink', () => {
  test('opens the page main names for a topic', async () => {
    const { core, opened } = coreWithBrowser();
    expect(await core.dispatch('openHelpLink', { topic: 'registerApp' })).toEqual({ ok: true, value: null });
    expect(await core.dispatch('openHelpLink', { topic: 'oneDrive' })).toEqual({ ok: true, value: null });
    expect(opened).toEqual(['https://learn.microsoft.com/entra/identity-platform/quickstart-register-app', 'https://onedrive.live.com/']);
  });

  test('a URL from the page, in any field, opens nothing', async () => {
    const { core, opened } = coreWithBrowser();
    for (const request of [
      { topic: 'https://evil.example/' },
      { topic: 'registerApp', url: 'https://evil.example/' },
      { url: 'https://evil.example/' },
      { topic: 'toString' },
      { topic: '__proto__' },
    ]) {
      expect(await core.dispatch('openHelpLink', request), JSON.stringify(request)).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    }
    expect(opened).toEqual([]);
  });

  test('a host without a browser says so', async () => {
    const { core } = coreWithBrowser({ openBrowser: undefined });
    expect(await core.dispatch('openHelpLink', { topic: 'oneDrive' })).toMatchObject({ ok: false, error: { kind: 'invalidRequest', message: 'This copy of the app cannot open a web browser.' } });
  });
});
