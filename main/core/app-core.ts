import { watch, type FSWatcher } from 'node:fs';
import type { EventName, EventPayload } from '../../shared/contract.js';
import { AccountsService } from './accounts/accounts-service.js';
import type { Clock } from './clock.js';
import type { KeyStore } from './keystore/key-store.js';
import type { Logger } from './logger.js';
import { CodeTicker } from './otp/code-ticker.js';
import { codeAt } from './otp/otp-engine.js';
import { decodeCanonicalKey } from './otp/base32.js';
import { createDispatcher, type Dispatch, type Handlers } from './rpc/dispatcher.js';
import { toView } from './vault/vault-data.js';
import { VAULT_FILE, Vault, type VaultSnapshot } from './vault/vault.js';

export interface CoreDeps {
  dataDir: string;
  keyStore: KeyStore;
  clock: Clock;
  log: Logger;
}

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface AppCore {
  dispatch: Dispatch;
  accounts: AccountsService;
  /** Subscribes to the events main pushes; returns an unsubscribe function. */
  subscribe(sink: EventSink): () => void;
  dispose(): void;
}

/**
 * The app without its host: vault, accounts, codes and the contract's handler table. The Electron app, the
 * browser harness and the command-line tool each wire this with their own adapters.
 */
export function createAppCore({ dataDir, keyStore, clock, log }: CoreDeps): AppCore {
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) sink(event, payload);
  };
  const vault = new Vault(dataDir, keyStore);
  const ticker = new CodeTicker(clock, (batch) => emit('codes', batch));
  let generation = -1;

  const apply = (snapshot: VaultSnapshot) => {
    if (snapshot.generation === generation) return;
    generation = snapshot.generation;
    ticker.setAccounts(snapshot.data.accounts);
    emit('accountsChanged', snapshot.data.accounts.map(toView));
  };
  const accounts = new AccountsService(vault, apply);

  // Another process (the command-line tool, a second instance) may change the vault: follow it.
  let reloadTimer: (() => void) | undefined;
  const reload = () => {
    reloadTimer?.();
    reloadTimer = clock.setTimer(50, () => {
      vault.read().then(apply, (error: unknown) => log.error('reloading the vault failed', error));
    });
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dataDir, (_event, file) => {
      if (file === VAULT_FILE) reload();
    });
  } catch {
    log.info('the data folder cannot be watched; changes made by other processes show after a restart');
  }

  // Start ticking at once; a problem with the vault is reported by the first call, which reads it again.
  vault.read().then(apply, () => undefined);
  const current = async () => {
    const snapshot = await vault.read();
    apply(snapshot);
    return snapshot;
  };

  const handlers: Handlers = {
    listAccounts: async () => (await current()).data.accounts.map(toView),
    addAccountFromUri: async ({ uri }) => accounts.addFromUri(uri),
    addAccountManually: async (input) => accounts.addManually(input),
    renameAccount: async ({ id, issuer, name }) => accounts.rename(id, issuer, name),
    removeAccount: async ({ id }) => {
      await accounts.remove(id);
      return null;
    },
    moveAccount: async ({ id, toIndex }) => accounts.move(id, toIndex),
    getCodes: async () => {
      await current();
      return ticker.batch();
    },
    nextHotpCode: async ({ id }) => {
      const account = await accounts.advanceCounter(id);
      return codeAt(account.id, account.otp, decodeCanonicalKey(account.secret), clock.now());
    },
    getSettings: async () => accounts.settings(),
    updateSettings: async (patch) => accounts.updateSettings(patch),
    previousVaultVersion: async () => vault.previousGeneration(),
    restorePreviousVault: async () => accounts.restorePrevious(),
  };

  return {
    dispatch: createDispatcher(handlers, log),
    accounts,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    dispose() {
      watcher?.close();
      reloadTimer?.();
      ticker.stop();
      sinks.clear();
    },
  };
}
