import { z } from 'zod';
import { AccountKind, OtpParams } from './otp.js';

export const AccountId = z.string().regex(/^[a-z0-9]{4,64}$/, 'not an account id');

const Label = z.string().trim().max(256);

/** What the renderer may know about an account: everything but the secret. */
export const AccountView = z.object({
  id: AccountId,
  issuer: Label,
  name: Label,
  kind: AccountKind,
  otp: OtpParams,
  /** Rests on a credential tied to this device; its secret is never uploaded. */
  deviceBound: z.boolean(),
  /** Restored without a usable secret: shows "Action required" and copies nothing. */
  needsVerification: z.boolean(),
  pinned: z.boolean(),
});
export type AccountView = z.infer<typeof AccountView>;

/** One current code. `validUntil` is null for HOTP, whose codes do not expire. Times are epoch milliseconds. */
export const CodeView = z.object({
  id: AccountId,
  code: z.string(),
  validFrom: z.number().nullable(),
  validUntil: z.number().nullable(),
  /** The code that follows (TOTP/Steam: from validUntil; HOTP: at the next counter), shown in the full-screen view. */
  next: z.string(),
});
export type CodeView = z.infer<typeof CodeView>;

/** Codes for every account, pushed once per period boundary. `issuedAt` is main's clock, so the renderer can correct for drift. */
export const CodeBatch = z.object({
  issuedAt: z.number(),
  codes: z.array(CodeView),
});
export type CodeBatch = z.infer<typeof CodeBatch>;

/**
 * What to do with a new account whose issuer and name are those of an account here but whose setup key is another
 * (the provider may have reset it): add it beside the old one, or put its key in the old one's place. Without a
 * choice main refuses it with `sameNameAccount` and adds nothing (main/core/accounts/same-name.ts holds the rule).
 */
export const SameNameChoice = z.enum(['addSecond', 'replace']);
export type SameNameChoice = z.infer<typeof SameNameChoice>;

/** The fields of the manual "add account" form. */
export const ManualAccountInput = z
  .object({
    kind: AccountKind,
    issuer: z.string().max(256),
    name: z.string().max(256),
    secret: z.string().max(1024),
    type: z.string().max(16),
    algorithm: z.string().max(16),
    digits: z.number().int(),
    period: z.number().int(),
    counter: z.number().int(),
    /** Sign-in approvals tied to this PC (Microsoft and work/school accounts): never backed up with its secret. */
    deviceBound: z.boolean().optional(),
    /** The person's answer after a `sameNameAccount` refusal. */
    ifSameName: SameNameChoice.optional(),
  })
  .strict();
export type ManualAccountInput = z.infer<typeof ManualAccountInput>;
