import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../core/app-core.js';
import { folderSaveFile } from '../core/export/save-file-port.js';
import { sourceDecryptWorker } from '../core/import/source-worker.js';
import { memoryClipboard } from '../core/clipboard/clipboard-port.js';
import { adjustableClock, systemClock } from '../core/clock.js';
import { osKeychainKeyStore } from '../core/keystore/os-keychain-key-store.js';
import { connectLinuxBuses, linuxLockSignals } from '../core/lock/linux-lock-signals.js';
import { consoleLogger } from '../core/logger.js';
import { packageVersion } from '../core/package-version.js';
import { defaultDataDir } from '../core/paths.js';
import { sourceRoot } from '../core/source-root.js';
import { createCloudServices } from '../core/backup/cloud-services.js';
import { nodeHttpTransport } from '../core/net/http-transport.js';
import { emulatedCloud } from './emulated-cloud.js';
import { recordedCapture, startHarnessServer } from './harness-server.js';
import { terminalConfirmation } from './terminal-confirmation.js';

/** Written into backups; the desktop app reports app.getVersion(), which reads the same field. */
const APP_VERSION = packageVersion();

// The browser harness: the same core as the Electron app, in Node, with the OS keychain; the renderer in any browser.
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    // For tests: an adjustable clock and loopback endpoints to read/write the clipboard and move the clock.
    'test-controls': { type: 'boolean', default: false },
    // Cloud backup: "emulated" uses the local emulators of Microsoft's sign-in and OneDrive (started here, or the ones
    // at --emulators <control URL>); "configured" (the default) what AUTHENTICATOR_CLIENT_ID / cloud.json say, if anything.
    cloud: { type: 'string', default: 'configured' },
    emulators: { type: 'string' },
    // Where exports are saved (the browser page never names a path); by default "exports" in the data folder.
    'export-dir': { type: 'string' },
  },
});
if (values.cloud !== 'emulated' && values.cloud !== 'configured') {
  console.error(`harness: --cloud must be "emulated" or "configured" (got "${values.cloud}")`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`harness: --port must be 0-65535 (got "${values.port}")`);
  process.exit(2);
}
const rendererDir = path.join(sourceRoot(), 'build/renderer');
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  console.error('harness: the renderer is not built. Run "npm run build:renderer" (npm run harness does it for you).');
  process.exit(1);
}
const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // so it can be watched from the first run, as the desktop app does
const log = consoleLogger('harness');
// The harness's clipboard lives in memory: tests read it, and a browser page could not read the system's anyway.
const clipboard = memoryClipboard();
// With test controls, what the QR scanner asked main to allow is recorded (the browser itself asks the person).
const testControls = values['test-controls'] ? { clipboard, clock: adjustableClock(), capture: recordedCapture() } : undefined;
const clock = testControls?.clock ?? systemClock();
const keyStore = osKeychainKeyStore();
const emulated = values.cloud === 'emulated' ? await emulatedCloud(values.emulators) : undefined;
// The harness's "system browser" is a new tab in the page that uses it (the desktop app opens the real browser).
let openExternal: (url: string) => boolean = () => false;
const openBrowser = async (url: string) => {
  if (!openExternal(url)) log.info(`open this page: ${url}`);
};
const cloud = await createCloudServices({
  dataDir,
  keyStore,
  clock,
  log,
  transport: nodeHttpTransport(emulated ? { ca: emulated.ca } : {}),
  openBrowser,
  ...(emulated ? { config: emulated.config } : {}),
});
// The screen locking and suspend (Linux, over D-Bus) lock the app here too; idle time is the page's (no system one in Node).
const lockTriggers = process.platform === 'linux' ? linuxLockSignals(connectLinuxBuses(), (error) => log.error('listening for the screen lock failed', error)) : undefined;
// A setup key leaves main only when the person types yes in this terminal, which the page cannot write to.
const secretRelease = terminalConfirmation(process.stdin, process.stdout);
// Exports are written into one folder, and the window shows the path (a page in a browser cannot be shown a save dialog of main's).
const exportDir = path.resolve(values['export-dir'] ?? path.join(dataDir, 'exports'));
const core = createAppCore({
  dataDir, keyStore, clock, log, clipboard, capture: testControls?.capture, cloud, secretRelease, saveFile: folderSaveFile(exportDir), openBrowser, appVersion: APP_VERSION,
  importOptions: { workerFile: sourceDecryptWorker() },
  ...(lockTriggers ? { lockTriggers } : {}),
});
const server = await startHarnessServer(core, {
  rendererDir,
  port,
  testControls,
  onLoginUrl: (url) => console.log(`For another browser, open (once): ${url}`),
});
openExternal = server.openExternal;
if (emulated) log.info(emulated.describe());
log.info(`data folder: ${dataDir}`);
if (server.controlSecret !== null) {
  log.info('test controls are on: /test/clipboard, /test/clock, /test/clock/advance, /test/capture');
  console.log(`Test controls secret: ${server.controlSecret}`);
}
// The terminal is the one place the way in is shown: this URL works once, in one browser (see the README).
log.info('open the URL below in your browser; it works once, and nothing else gets in');
console.log(`Ready: ${server.loginUrl()}`);

const stop = () => {
  secretRelease.close();
  core.dispose();
  void Promise.all([server.close(), emulated?.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
