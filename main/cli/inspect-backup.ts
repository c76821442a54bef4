import { promises as fs } from 'node:fs';
import { accountLabel } from '../../shared/account-label.js';
import { AppError } from '../../shared/errors.js';
import { openBackup, readBackupHeader, type BackupHeader } from '../core/backup/backup-envelope.js';
import { decodePayload } from '../core/backup/backup-payload.js';
import { escapeForTerminal } from './terminal-text.js';

export interface InspectedBackup {
  header: BackupHeader;
  /** Null unless a password was given; then the accounts, without their secrets. */
  accounts: { issuer: string; name: string; kind: string; deviceBound: boolean; hasSecret: boolean }[] | null;
}

/**
 * `inspect-backup <file>`: what a backup file (for example one read from the emulators' app folder) says about
 * itself and, with its password, which accounts it holds. Shows that the file opens with the password and the
 * documented format alone; never prints a secret.
 */
export async function inspectBackup(file: string, password: string | null): Promise<InspectedBackup> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new AppError('invalidRequest', `${file} could not be read.`);
  }
  const header = readBackupHeader(bytes); // backupDamaged, backupTooNew
  if (password === null) return { header, accounts: null };
  const opened = await openBackup(bytes, { password }); // wrongPassword, backupDamaged
  const accounts = decodePayload(opened.payload).accounts.map((a) => ({ issuer: a.issuer, name: a.name, kind: a.kind, deviceBound: a.deviceBound, hasSecret: a.secret !== '' }));
  opened.key.dataKey.fill(0);
  return { header, accounts };
}

export function describeInspected({ header, accounts }: InspectedBackup): string {
  const lines = [
    `Backup format version ${header.formatVersion}, made ${header.createdAt} on ${escapeForTerminal(header.deviceName)} by app ${escapeForTerminal(header.appVersion)}; ${header.accountCount} account(s).`,
  ];
  if (accounts === null) {
    lines.push('Encrypted. Give the backup password on standard input (--password-stdin) to list its accounts.');
  } else {
    lines.push('Opened with the password. Accounts (secrets not shown):');
    for (const a of accounts) lines.push(`  ${escapeForTerminal(accountLabel(a))}  [${a.kind}${a.deviceBound ? ', device-bound: no secret in the backup' : ''}]`);
  }
  return `${lines.join('\n')}\n`;
}
