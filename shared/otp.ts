import { z } from 'zod';

/** Limits shared by the link parser, the manual form and the vault schema. */
export const OTP_LIMITS = {
  minDigits: 6,
  maxDigits: 8,
  steamDigits: 5,
  minPeriod: 5,
  maxPeriod: 3600,
  maxCounter: Number.MAX_SAFE_INTEGER,
  /** RFC 4226 asks for 128 bits; 80 bits is what many real services issue, so that is the floor we accept. */
  minSecretBytes: 10,
  maxSecretBytes: 128,
  maxLabelLength: 256,
  maxUriLength: 4096,
} as const;

export const OtpType = z.enum(['totp', 'hotp', 'steam']);
export type OtpType = z.infer<typeof OtpType>;

export const HashAlgorithm = z.enum(['SHA1', 'SHA256', 'SHA512']);
export type HashAlgorithm = z.infer<typeof HashAlgorithm>;

export const AccountKind = z.enum(['microsoftPersonal', 'workOrSchool', 'other']);
export type AccountKind = z.infer<typeof AccountKind>;

/** How codes are made for one account. `period` matters for TOTP/Steam, `counter` for HOTP. */
export const OtpParams = z
  .object({
    type: OtpType,
    algorithm: HashAlgorithm,
    digits: z.number().int(),
    period: z.number().int().min(OTP_LIMITS.minPeriod).max(OTP_LIMITS.maxPeriod),
    counter: z.number().int().min(0).max(OTP_LIMITS.maxCounter),
  })
  .strict()
  .refine(
    (p) =>
      p.type === 'steam'
        ? p.digits === OTP_LIMITS.steamDigits && p.algorithm === 'SHA1'
        : p.digits >= OTP_LIMITS.minDigits && p.digits <= OTP_LIMITS.maxDigits,
    { message: 'digits must be 6 to 8 (Steam: 5 characters, SHA1)' },
  );
export type OtpParams = z.infer<typeof OtpParams>;
