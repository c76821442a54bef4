import { z } from 'zod';
import { AccountId } from './account.js';
import { AccountKind } from './otp.js';

/*
 * What the recovery wizard shows between the steps. No secret appears here: these travel to the renderer.
 */

/** One account of the backup, as the preview lists it (backup order). */
export const RecoveryPreviewAccount = z.object({
  issuer: z.string(),
  name: z.string(),
  kind: AccountKind,
  /** Device-bound in the backup (no secret there): after restore it shows "Action required". */
  needsVerification: z.boolean(),
  /** This PC already has it (same id, or same issuer, name and secret): a merge skips it. */
  alreadyHere: z.boolean(),
});
export type RecoveryPreviewAccount = z.infer<typeof RecoveryPreviewAccount>;

/** An account on this PC now, as the preview lists it: "remove and restore" (replace) removes exactly these. */
export const RecoveryExistingAccount = z.object({
  id: AccountId,
  issuer: z.string(),
  name: z.string(),
  kind: AccountKind,
  /** The backup holds it too (same id, or same issuer, name and secret): the backup's copy comes back in its place. */
  inBackup: z.boolean(),
});
export type RecoveryExistingAccount = z.infer<typeof RecoveryExistingAccount>;

/** The opened backup, described before anything is written, against the accounts on this PC at that moment. */
export const RecoveryPreview = z.object({
  /** From the backup's authenticated header. */
  deviceName: z.string(),
  createdAt: z.string(),
  accounts: z.array(RecoveryPreviewAccount),
  /** Accounts on this PC now, in display order: none allows a full restore; otherwise merge, or replace (which removes these). */
  existing: z.array(RecoveryExistingAccount),
  /**
   * The accounts file of this PC when it cannot be opened because its key was lost (else null): a restore sets it
   * aside under a new name, never deleting it.
   */
  unreadableVault: z.string().nullable(),
});
export type RecoveryPreview = z.infer<typeof RecoveryPreview>;

/**
 * restore: this PC has no accounts and takes the backup whole (accounts, order, settings). merge: adds only what is
 * missing. replace: removes the accounts the last preview listed and takes the backup whole, in one write.
 */
export const RestoreMode = z.enum(['restore', 'merge', 'replace']);
export type RestoreMode = z.infer<typeof RestoreMode>;

export const RecoveredAccount = z.object({ id: AccountId, issuer: z.string(), name: z.string(), kind: AccountKind });
export type RecoveredAccount = z.infer<typeof RecoveredAccount>;

/** What a restore did. */
export const RecoverySummary = z.object({
  mode: RestoreMode,
  /** How many accounts were written to this PC. */
  restored: z.number().int().min(0),
  /** The accounts written, in the order they now appear. */
  added: z.array(RecoveredAccount),
  /** Merge only: backup accounts skipped because this PC already had them. */
  alreadyHere: z.number().int().min(0),
  /** Replace only: how many of this PC's accounts were removed (those the backup also holds came back as its copy). */
  removed: z.number().int().min(0),
  /** Restored without their device-bound secret: each needs "Sign in to recover" or "Scan QR code to recover". */
  needVerification: z.array(RecoveredAccount),
  /** Where the unreadable accounts file (and its previous version) now are, when the restore set them aside. */
  setAside: z.array(z.string()),
});
export type RecoverySummary = z.infer<typeof RecoverySummary>;
