import { z } from 'zod';
import { AccountId } from './account.js';
import { LockPassword } from './lock.js';

/**
 * What the window may export to: an encrypted Aegis vault, this app's own backup file, a plain list of otpauth://
 * links, or Google Authenticator's transfer QR codes (drawn in the window, never written to disk).
 */
export const ExportFormat = z.enum(['aegis', 'backup', 'otpauth', 'google']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/**
 * One export. `password`: the file's own password (aegis, backup; its strength is judged in main). `lockPassword`:
 * with the app lock on, a plain export (otpauth, google) needs it, checked by main. Where a file goes is asked by main
 * (the system's save dialog), never named by the page.
 */
export const ExportRequest = z
  .object({
    format: ExportFormat,
    ids: z.array(AccountId).min(1).max(10_000).optional(),
    password: z.string().min(1).max(1024).optional(),
    lockPassword: LockPassword.optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequest>;

/** An account left out of an export, and why. */
export const LeftOutView = z.object({ id: z.string(), issuer: z.string(), name: z.string(), reason: z.string() });

/**
 * What happened: a file saved (where), the save cancelled (nothing written), or the transfer links to draw as QR codes
 * (google: the one export reply that carries secrets).
 */
export const ExportReply = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), path: z.string().max(4096), exported: z.number().int().min(0), leftOut: z.array(LeftOutView) }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('codes'), links: z.array(z.string().max(8192)).min(1), exported: z.number().int().min(0), leftOut: z.array(LeftOutView) }),
]);
export type ExportReply = z.infer<typeof ExportReply>;
