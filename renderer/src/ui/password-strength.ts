import type * as SharedRule from '../../../shared/password-strength.js';
import type { PasswordStrength } from '../../../shared/password-strength.js';

/** The shared estimate, with the sentence main would refuse it with (the reason, then a suggestion). */
export type Strength = PasswordStrength & { message: string };

/**
 * The app's one strength rule (shared/password-strength.ts), the very function main enforces, so the meter and main
 * never disagree. Its dictionaries are large, so the module loads only when someone starts typing a new password.
 */
let rule: Promise<typeof SharedRule> | undefined;

export async function estimateStrength(password: string): Promise<Strength> {
  rule ??= import('../../../shared/password-strength.js');
  const { passwordStrength, weakPasswordMessage } = await rule;
  const strength = passwordStrength(password);
  return { ...strength, message: weakPasswordMessage(strength) };
}
