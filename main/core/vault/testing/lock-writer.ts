/**
 * Test helper, run as a child process (node --import tsx) by lock-crash-safety.test.ts: on a vault in a data folder
 * with the real OS keychain, alternates adding an account with changing the app lock (on, new password, off, on,
 * ...), printing what it starts and what resolved, so the test knows the old and the new setting at any kill:
 *   "ack <name>"             the account is durably saved
 *   "begin <setting>"        a lock change to <setting> started ("off", or the password)
 *   "ack-setting <setting>"  that change resolved
 * Environment: WRITER_DATA_DIR, WRITER_SERVICE, WRITER_PREFIX, WRITER_SETTING (the setting the vault has now:
 * "off" or its password), WRITER_KDF_N (the lock's scrypt N, lowered so that a run makes many changes).
 */
import { randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { AppError } from '../../../../shared/errors.js';
import { AccountsService } from '../../accounts/accounts-service.js';
import { osKeychainKeyStore } from '../../keystore/os-keychain-key-store.js';
import { Vault } from '../vault.js';

const { WRITER_DATA_DIR: dataDir, WRITER_SERVICE: service, WRITER_PREFIX: prefix = 'w', WRITER_SETTING = 'off', WRITER_KDF_N } = process.env;
if (!dataDir || !service) throw new Error('WRITER_DATA_DIR and WRITER_SERVICE are required');

const vault = new Vault(dataDir, osKeychainKeyStore(service), { lockStaleMs: 2000, lockKdfCost: { n: Number(WRITER_KDF_N ?? 2 ** 14), r: 8, p: 1 } });
const accounts = new AccountsService(vault);
let setting = WRITER_SETTING;
if (setting !== 'off') await vault.unlock(setting);
process.stdout.write('ready\n');
try {
  for (let i = 1; ; i++) {
    const name = `${prefix}-${i}`;
    await accounts.addFromUri(`otpauth://totp/Crash:${name}?secret=${base32nopad.encode(randomBytes(20))}&issuer=Crash`);
    process.stdout.write(`ack ${name}\n`);
    // off -> on -> changed -> off ...: every kind of change, from every setting it can start from.
    const next = setting === 'off' || i % 3 !== 0 ? `${prefix}-password-${i}` : 'off';
    process.stdout.write(`begin ${next}\n`);
    await vault.changeLock(setting === 'off' ? null : setting, next === 'off' ? { on: false } : { on: true, password: next });
    setting = next;
    process.stdout.write(`ack-setting ${next}\n`);
  }
} catch (error) {
  process.stderr.write(`error ${error instanceof AppError ? error.kind : 'unexpected'}: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
