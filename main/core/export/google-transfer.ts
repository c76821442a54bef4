import { randomInt } from 'node:crypto';
import { decodeCanonicalKey } from '../otp/base32.js';
import { MigrationPayload } from '../import/google-migration.js';
import type { StoredAccount } from '../vault/vault-data.js';
import type { LeftOut } from './export-selection.js';

/**
 * Google Authenticator's "Transfer accounts" QR codes: otpauth-migration://offline?data=<base64 MigrationPayload>,
 * the format main/core/import/google-migration.ts reads. At most ten accounts per code, so that a phone's camera reads
 * each one from a laptop screen; every code of one transfer carries the same batch id, its index and the count.
 * The format has no period and knows only 6 or 8 digits, TOTP and HOTP: other accounts are left out, with the reason.
 */
export const ACCOUNTS_PER_CODE = 10;

const ALGORITHM = { SHA1: 1, SHA256: 2, SHA512: 3 } as const;
const DIGITS: Record<number, number> = { 6: 1, 8: 2 };
const TYPE = { hotp: 1, totp: 2 } as const;

export interface TransferCodes {
  /** The links to draw as QR codes, in order ("QR 1 of N"). Drawn in the window; never written to disk. */
  links: string[];
  leftOut: LeftOut[];
}

function unsupportedReason(account: StoredAccount): string | null {
  const { otp } = account;
  if (otp.type === 'steam') return 'Google Authenticator has no Steam Guard codes';
  if (DIGITS[otp.digits] === undefined) return `Google Authenticator's transfer codes carry only 6 or 8 digits (this account has ${otp.digits})`;
  if (otp.type === 'totp' && otp.period !== 30) return `Google Authenticator's transfer codes carry only 30-second codes (this account's change every ${otp.period} s)`;
  return null;
}

/**
 * Google writes "Issuer:name" in the name, and readers (ours too) take a prefix off when it repeats the issuer, or
 * take it as the issuer when there is none; so a name is written the way that reads back as itself.
 */
function nameField({ issuer, name }: StoredAccount): string {
  if (issuer === '') return name.includes(':') ? `:${name}` : name;
  return issuer.includes(':') ? name : `${issuer}:${name}`;
}

export function writeTransferCodes(accounts: readonly StoredAccount[], batchId = randomInt(1, 2 ** 31)): TransferCodes {
  const leftOut: LeftOut[] = [];
  const fitting: StoredAccount[] = [];
  for (const account of accounts) {
    const reason = unsupportedReason(account);
    if (reason) leftOut.push({ id: account.id, issuer: account.issuer, name: account.name, reason });
    else fitting.push(account);
  }
  const batches: StoredAccount[][] = [];
  for (let i = 0; i < fitting.length; i += ACCOUNTS_PER_CODE) batches.push(fitting.slice(i, i + ACCOUNTS_PER_CODE));
  const links = batches.map((batch, index) => {
    const message = MigrationPayload.create({
      otpParameters: batch.map((account) => ({
        secret: decodeCanonicalKey(account.secret),
        name: nameField(account),
        issuer: account.issuer,
        algorithm: ALGORITHM[account.otp.algorithm],
        digits: DIGITS[account.otp.digits],
        type: TYPE[account.otp.type as 'hotp' | 'totp'],
        counter: account.otp.type === 'hotp' ? account.otp.counter : 0,
      })),
      version: 1,
      batchSize: batches.length,
      batchIndex: index,
      batchId,
    });
    const data = Buffer.from(MigrationPayload.encode(message).finish()).toString('base64');
    return `otpauth-migration://offline?data=${encodeURIComponent(data)}`;
  });
  return { links, leftOut };
}
