import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../../main/core/app-core.js';
import { memoryClipboard } from '../../main/core/clipboard/clipboard-port.js';
import { adjustableClock, systemClock } from '../../main/core/clock.js';
import { osKeychainKeyStore } from '../../main/core/keystore/os-keychain-key-store.js';
import { consoleLogger } from '../../main/core/logger.js';
import { defaultDataDir } from '../../main/core/paths.js';
import { startHarnessServer } from './harness-server.js';

// The browser harness: the same core as the Electron app, in Node, with the OS keychain; the renderer in any browser.
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    // For tests: an adjustable clock and loopback endpoints to read/write the clipboard and move the clock.
    'test-controls': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`harness: --port must be 0-65535 (got "${values.port}")`);
  process.exit(2);
}
const rendererDir = path.resolve(import.meta.dirname, '../../build/renderer');
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  console.error('harness: the renderer is not built. Run "npm run build:renderer" (npm run harness does it for you).');
  process.exit(1);
}
const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
const log = consoleLogger('harness');
// The harness's clipboard lives in memory: tests read it, and a browser page could not read the system's anyway.
const clipboard = memoryClipboard();
const testControls = values['test-controls'] ? { clipboard, clock: adjustableClock() } : undefined;
const clock = testControls?.clock ?? systemClock();
const core = createAppCore({ dataDir, keyStore: osKeychainKeyStore(), clock, log, clipboard });
const server = await startHarnessServer(core, rendererDir, port, testControls);
log.info(`data folder: ${dataDir}`);
if (values['test-controls']) log.info('test controls are on: /test/clipboard, /test/clock, /test/clock/advance');
console.log(`Ready: ${server.url}`);

const stop = () => {
  core.dispose();
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
