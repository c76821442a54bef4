/**
 * Test helper, run as a child process (node --import tsx) by crash-safety.test.ts: opens the vault in a data folder
 * with the real OS keychain and adds accounts one by one through AccountsService.addFromUri, printing "ack <name>"
 * once each add has resolved (so the account is durably saved). The test kills it at random moments.
 *
 * Environment: WRITER_DATA_DIR, WRITER_SERVICE (keychain service name), WRITER_PREFIX (account names are
 * <prefix>-<n>), WRITER_COUNT (how many to add; endless when absent), WRITER_LOCK_STALE_MS (optional).
 */
import { randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { AppError } from '../../../../shared/errors.js';
import { AccountsService } from '../../accounts/accounts-service.js';
import { osKeychainKeyStore } from '../../keystore/os-keychain-key-store.js';
import { Vault } from '../vault.js';

const { WRITER_DATA_DIR: dataDir, WRITER_SERVICE: service, WRITER_PREFIX: prefix = 'w', WRITER_COUNT, WRITER_LOCK_STALE_MS } = process.env;
if (!dataDir || !service) throw new Error('WRITER_DATA_DIR and WRITER_SERVICE are required');
const count = WRITER_COUNT ? Number(WRITER_COUNT) : Infinity;
const lockStaleMs = WRITER_LOCK_STALE_MS ? Number(WRITER_LOCK_STALE_MS) : undefined;

const accounts = new AccountsService(new Vault(dataDir, osKeychainKeyStore(service), { lockStaleMs }));
process.stdout.write('ready\n');
try {
  for (let i = 1; i <= count; i++) {
    const name = `${prefix}-${i}`;
    await accounts.addFromUri(`otpauth://totp/Crash:${name}?secret=${base32nopad.encode(randomBytes(20))}&issuer=Crash`);
    process.stdout.write(`ack ${name}\n`);
  }
} catch (error) {
  process.stderr.write(`error ${error instanceof AppError ? error.kind : 'unexpected'}: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
