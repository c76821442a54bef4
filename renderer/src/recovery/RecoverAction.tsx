import { useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { call } from '../app-shell/api.js';
import { RecoverDialog } from './RecoverDialog.js';
import { FormError } from '../ui/FormError.js';
import { SignInWaiting } from '../ui/SignInWaiting.js';
import { useAction } from '../ui/use-action.js';

interface Props {
  account: AccountView;
  onRecovered(account: AccountView): void;
}

/**
 * "Action required" in the full-screen view of an account restored without its device-bound secret. A personal
 * Microsoft account: sign in as it first ("Sign in to recover"), then scan its new QR code. A work or school
 * account: scan the QR code its organisation gives ("Scan QR code to recover").
 */
export function RecoverAction({ account, onRecovered }: Props) {
  const personal = account.kind === 'microsoftPersonal';
  // Waiting while busy; only the latest sign-in's outcome counts: a cancelled one's (signInCancelled) is not news.
  const signIn = useAction('The sign-in did not work. Try again.');
  /** Who the person signed in as, once they did. */
  const [signedInAs, setSignedInAs] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const who = account.name || 'this account';

  const verify = async () => {
    const done = await signIn.run(() => call('verifyAccountOwner', { id: account.id }));
    if (done) setSignedInAs(done.value.username);
  };

  const cancel = () => {
    signIn.cancel();
    void call('cancelSignIn').catch(() => undefined); // ends the sign-in in main: its listener closes
  };

  const canScan = !personal || signedInAs !== null;
  return (
    <div className="details-action" aria-labelledby="action-title">
      <h3 id="action-title">Action required</h3>
      {personal ? (
        signedInAs !== null ? (
          <p>
            Signed in as {signedInAs}. Now set up an authenticator app again on your Microsoft account&apos;s security page (account.microsoft.com,
            Security, Advanced security options, Add a new way to sign in, Use an app), choose a different authenticator app, and scan the QR code it
            shows.
          </p>
        ) : (
          <p>
            This Microsoft account approved sign-ins on your old PC, and that cannot move to a new one. Sign in as {who} to show it is yours (Microsoft may
            send a code to your other email address or phone), then set up the authenticator app again.
          </p>
        )
      ) : (
        <p>
          This account approved sign-ins on your old PC, and that cannot move to a new one. Get a new QR code on your organisation&apos;s security info page
          (often mysignins.microsoft.com/security-info: Add sign-in method, Authenticator app, a different authenticator app), or ask your IT
          department, then scan it here.
        </p>
      )}
      {signIn.busy ? (
        <SignInWaiting status={`Finish signing in as ${who} in your browser.`} onCancel={cancel} />
      ) : (
        <div className="row">
          {personal && signedInAs === null ? (
            <button type="button" onClick={() => void verify()}>
              Sign in to recover
            </button>
          ) : null}
          {canScan ? (
            <button type="button" onClick={() => setScanning(true)}>
              {personal ? 'Scan QR code…' : 'Scan QR code to recover'}
            </button>
          ) : null}
        </div>
      )}
      <FormError message={signIn.error} />
      {scanning ? (
        <RecoverDialog
          account={account}
          onClose={() => setScanning(false)}
          onRecovered={(recovered) => {
            setScanning(false);
            onRecovered(recovered);
          }}
        />
      ) : null}
    </div>
  );
}
