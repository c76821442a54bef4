import type { PasswordStrength } from '../../../shared/password-strength.js';

/**
 * The one strength rule main enforces (shared/password-strength.ts), loaded when someone first types a lock password:
 * its dictionaries are large and the window must not load them at start-up.
 */
export async function lockPasswordStrength(password: string): Promise<PasswordStrength> {
  const { passwordStrength } = await import('../../../shared/password-strength.js');
  return passwordStrength(password);
}
