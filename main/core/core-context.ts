import type { MethodName } from '../../shared/contract.js';
import type { AccountsService } from './accounts/accounts-service.js';
import type { Clock } from './clock.js';
import type { AppLock } from './lock/app-lock.js';
import type { Logger } from './logger.js';
import type { EventBus } from './rpc/event-bus.js';
import type { Handlers } from './rpc/dispatcher.js';
import type { Vault } from './vault/vault.js';
import type { VaultFollower } from './vault/vault-follower.js';

/** What every feature of the core is built from (app-core.ts makes one and passes it to each). */
export interface CoreContext {
  vault: Vault;
  follower: VaultFollower;
  accounts: AccountsService;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  /** The app lock: features drop what they hold from the vault when it locks (onLock). */
  appLock: AppLock;
  /** Registers what to stop when the core is disposed. */
  onDispose(stop: () => void): void;
}

/** A feature's part of the contract's handler table: the methods it names, and no other. */
export type FeatureHandlers<M extends MethodName> = Pick<Handlers, M>;
