import { z } from 'zod';
import { AccountId, type AccountView } from '../../../shared/account.js';
import { AccountKind, OtpParams } from '../../../shared/otp.js';
import { Settings } from '../../../shared/settings.js';

/** An account as the vault keeps it: the view plus its secret (canonical base32) and bookkeeping. */
export const StoredAccount = z.object({
  id: AccountId,
  issuer: z.string().max(256),
  name: z.string().max(256),
  kind: AccountKind,
  otp: OtpParams,
  /** Empty only for an account that needs verification (restored without its device-bound secret). */
  secret: z.string().regex(/^[A-Z2-7]*$/),
  deviceBound: z.boolean().default(false),
  needsVerification: z.boolean().default(false),
  pinned: z.boolean().default(false),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredAccount = z.infer<typeof StoredAccount>;

/** A removed account, remembered so a backup merge with another PC's copy does not bring it back. */
export const Deletion = z.object({ id: AccountId, at: z.string() });
export type Deletion = z.infer<typeof Deletion>;

/** Deletions older than this are forgotten: by then every PC sharing the backup has long merged them. */
export const DELETIONS_KEPT_DAYS = 365;

/** Everything the vault holds. The array order is the display order. */
export const VaultData = z.object({
  accounts: z.array(StoredAccount),
  deleted: z.array(Deletion).default([]),
  settings: Settings.default(Settings.parse({})),
});
export type VaultData = z.infer<typeof VaultData>;

export const emptyVaultData = (): VaultData => VaultData.parse({ accounts: [] });

export function toView(account: StoredAccount): AccountView {
  const { id, issuer, name, kind, otp, deviceBound, needsVerification, pinned } = account;
  return { id, issuer, name, kind, otp, deviceBound, needsVerification, pinned };
}
