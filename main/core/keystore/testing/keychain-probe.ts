/**
 * Test helper, run as a child process (node --import tsx) by os-keychain-key-store.test.ts with a D-Bus address that
 * leads nowhere: tries every key store operation, then a vault write and read, and prints one JSON line saying how
 * each one ended. Arguments: <keychain service> <data folder>.
 */
import { AppError } from '../../../../shared/errors.js';
import { Vault } from '../../vault/vault.js';
import { osKeychainKeyStore } from '../os-keychain-key-store.js';

const [service, dataDir] = process.argv.slice(2);
if (!service || !dataDir) throw new Error('usage: keychain-probe <service> <data folder>');

const store = osKeychainKeyStore(service);
const vault = new Vault(dataDir, store);
const operations: Record<string, () => Promise<unknown>> = {
  setPassword: () => store.setPassword('probe', 'secret value ✓'),
  getPassword: () => store.getPassword('probe'),
  findCredentials: () => store.findCredentials(),
  deletePassword: () => store.deletePassword('probe'),
  vaultUpdate: () => vault.update((data) => ({ data: { ...data, settings: { ...data.settings, hideCodes: true } }, result: undefined })),
  vaultRead: () => vault.read(),
};

const outcomes: Record<string, { ok: true; value: unknown } | { ok: false; kind: string; message: string }> = {};
for (const [name, operation] of Object.entries(operations)) {
  try {
    outcomes[name] = { ok: true, value: await operation() };
  } catch (error) {
    outcomes[name] = error instanceof AppError ? { ok: false, kind: error.kind, message: error.message } : { ok: false, kind: 'not an AppError', message: String(error) };
  }
}
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
