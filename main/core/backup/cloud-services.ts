import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { observeServerDates, type ServerDateFeed } from '../clock-skew/server-dates.js';
import { loadIdentityConfig, type IdentityConfig } from '../identity/identity-config.js';
import { createMsalRecoveryIdentity } from '../identity/msal-recovery-identity.js';
import type { BrowserOpener, RecoveryIdentity } from '../identity/recovery-identity.js';
import type { KeyStore } from '../keystore/key-store.js';
import type { Logger } from '../logger.js';
import type { HttpTransport } from '../net/http-transport.js';
import type { CloudStore } from './cloud-store.js';
import { createGraphClient } from './graph-pipeline.js';
import { oneDriveStore } from './onedrive-store.js';

export interface CloudServicesDeps {
  dataDir: string;
  keyStore: KeyStore;
  clock: Clock;
  log: Logger;
  transport: HttpTransport;
  openBrowser: BrowserOpener;
  env?: NodeJS.ProcessEnv;
  /** A configuration file named by the host; otherwise env vars or `<dataDir>/cloud.json`. */
  configFile?: string;
  /** A configuration the host made itself (the harness's emulators); wins over every other source. */
  config?: IdentityConfig;
}

/**
 * The recovery account (MSAL) and its OneDrive app folder (Graph), as every host wires them; null when this copy
 * of the app has no client id configured (the backup page then explains how to configure one).
 */
export async function createCloudServices(
  deps: CloudServicesDeps,
): Promise<{ identity: RecoveryIdentity; store: CloudStore; serverDates: ServerDateFeed } | null> {
  const config = deps.config ?? (await loadIdentityConfig({ dataDir: deps.dataDir, env: deps.env, configFile: deps.configFile }));
  if (!config) return null;
  // MSAL and Graph share this transport, so every answer from Microsoft tells the time (clock-skew/).
  const { transport, feed } = observeServerDates(deps.transport);
  const identity = createMsalRecoveryIdentity({
    config,
    transport,
    keyStore: deps.keyStore,
    dataDir: deps.dataDir,
    openBrowser: deps.openBrowser,
    log: deps.log,
    clock: deps.clock,
    tokenCacheKeyAccount: perDataDirKeyName('token-cache-key', deps.dataDir),
  });
  const graph = createGraphClient({ identity, transport, clock: deps.clock, log: deps.log, graphBaseUrl: config.graphBaseUrl });
  return { identity, store: oneDriveStore(graph), serverDates: feed };
}

/** A key-store name unique to the data folder, so two data folders (two "PCs" in tests) never share a key. */
export function perDataDirKeyName(prefix: string, dataDir: string): string {
  return `${prefix}:${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
}
