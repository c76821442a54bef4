import { z } from 'zod';
import { OtpType } from './otp.js';

/**
 * What the window sees of an import: never a secret. Main keeps the file's accounts (with their secrets) under a
 * session token until the person imports or cancels.
 */

/** A random token naming one import in progress (128 bits, base64url). */
export const ImportSession = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an import session');
export type ImportSession = z.infer<typeof ImportSession>;

/** A file as the window hands it over: its bytes (base64) and its name (shown in messages only, never used to detect). */
export const ImportFileInput = z
  .object({ name: z.string().max(512), data: z.string().max(28_000_000) })
  .strict();
export type ImportFileInput = z.infer<typeof ImportFileInput>;

const Label = z.string().max(512);

export const ImportEntryView = z.object({
  /** Stable within the session ("e0", "e1" in file order). */
  id: z.string().regex(/^e\d{1,6}$/),
  issuer: Label,
  name: Label,
  type: OtpType.nullable(),
  /** The other app marked it a favourite (pinned): it arrives pinned to the tray. */
  pinned: z.boolean(),
  /** sameName: an account here (or earlier in the file) has its issuer and name but another key; imported only if ticked. */
  status: z.enum(['new', 'duplicate', 'sameName', 'notImportable']),
  /** Why a duplicate, same-named or not importable ("mOTP accounts are not supported."); null for new. */
  reason: z.string().max(1024).nullable(),
});
export type ImportEntryView = z.infer<typeof ImportEntryView>;

export const ImportFormatView = z.object({ id: z.string(), name: z.string() });

export const ImportPreview = z.object({
  session: ImportSession,
  format: ImportFormatView,
  entries: z.array(ImportEntryView),
  /** About the file as a whole ("QR code 2 of 3 is missing"). */
  notices: z.array(z.string().max(1024)),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** After opening: a preview, or the file is encrypted and its password is needed first. */
export const ImportOpened = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('preview'), preview: ImportPreview }),
  z.object({ stage: z.literal('password'), session: ImportSession, format: ImportFormatView, kdf: z.string() }),
]);
export type ImportOpened = z.infer<typeof ImportOpened>;

/** While a key is derived: null fraction when the derivation cannot tell how far it is. */
export const ImportProgress = z.object({
  session: ImportSession,
  kdf: z.string(),
  fraction: z.number().min(0).max(1).nullable(),
  done: z.boolean(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** The per-entry report, the same shape as `import --json` prints. */
export const ImportReport = z.object({
  imported: z.array(z.object({ id: z.string().nullable(), issuer: Label, name: Label, type: OtpType, pinned: z.boolean() })),
  duplicates: z.array(z.object({ issuer: Label, name: Label })),
  skipped: z.array(z.object({ issuer: Label, name: Label, reason: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;
