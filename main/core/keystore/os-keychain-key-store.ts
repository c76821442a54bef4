import { AsyncEntry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import { AppError } from '../../../shared/errors.js';
import { KEYCHAIN_SERVICE, type KeyStore } from './key-store.js';

// On Linux the binding would otherwise fall back to the kernel keyring, which forgets everything at reboot:
// a vault whose key vanished is a vault lost, so we insist on the Secret Service (GNOME Keyring, KWallet).
const options: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * The OS keychain through @napi-rs/keyring (keytar-compatible, maintained, N-API so it loads in Node and
 * Electron alike): Windows Credential Manager, macOS Keychain, the Secret Service on Linux.
 */
export function osKeychainKeyStore(service: string = KEYCHAIN_SERVICE): KeyStore {
  const entry = (account: string) => new AsyncEntry(service, account, options);
  return {
    id: 'os-keychain',
    getPassword: (account) => guard(() => entry(account).getPassword()),
    setPassword: (account, password) => guard(() => entry(account).setPassword(password)),
    deletePassword: (account) => guard(() => entry(account).deletePassword()),
    findCredentials: () => guard(() => findCredentialsAsync(service)),
  };
}

async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'keychainUnavailable',
      `The system keychain cannot be used (${reason}). Unlock or start your keychain (on Linux: GNOME Keyring or KWallet) and try again.`,
    );
  }
}
