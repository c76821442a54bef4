import { AppError } from '../../../../shared/errors.js';
import type { RecoveryAccount, RecoveryIdentity, SignInOptions } from '../../identity/recovery-identity.js';

/** A recovery identity without MSAL, for unit tests of the backup service (the real one is tested against the emulators). */
export class FakeIdentity implements RecoveryIdentity {
  private signedIn: RecoveryAccount | null = null;
  nextSignIn: RecoveryAccount = { id: 'uid-alice.tid', username: 'alice@outlook.com', displayName: 'Alice' };

  async signIn(options: SignInOptions = {}): Promise<RecoveryAccount> {
    if (options.sameAccountAs !== undefined && this.nextSignIn.id !== options.sameAccountAs) return this.nextSignIn;
    this.signedIn = this.nextSignIn;
    return this.signedIn;
  }

  /** Who the next verification signs in as (the person may pick another account than the hint). */
  nextVerification: RecoveryAccount | null = null;

  async verifyAccount(loginHint: string): Promise<RecoveryAccount> {
    return this.nextVerification ?? { id: `uid-${loginHint}`, username: loginHint, displayName: loginHint };
  }

  async reopenSignIn(): Promise<void> {
    throw new AppError('invalidRequest', 'No sign-in is waiting any more.');
  }

  async cancelSignIn(): Promise<void> {}

  async currentAccount(): Promise<RecoveryAccount | null> {
    return this.signedIn;
  }

  async accessToken(): Promise<string> {
    if (!this.signedIn) throw new AppError('signInRequired', 'Sign in to the recovery account again.');
    return 'token';
  }

  async signOut(): Promise<void> {
    this.signedIn = null;
  }
}
