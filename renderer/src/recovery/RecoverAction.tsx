import { useRef, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { AppError } from '../../../shared/app-error.js';
import { call } from '../app-shell/api.js';
import { RecoverDialog } from './RecoverDialog.js';
import { FormError } from '../ui/FormError.js';
import { SignInWaiting } from '../ui/SignInWaiting.js';

interface Props {
  account: AccountView;
  onRecovered(account: AccountView): void;
}

type SignIn = { state: 'idle' } | { state: 'waiting' } | { state: 'done'; username: string };

/**
 * "Action required" in the full-screen view of an account restored without its device-bound secret. A personal
 * Microsoft account: sign in as it first ("Sign in to recover"), then scan its new QR code. A work or school
 * account: scan the QR code its organisation gives ("Scan QR code to recover").
 */
export function RecoverAction({ account, onRecovered }: Props) {
  const personal = account.kind === 'microsoftPersonal';
  const [signIn, setSignIn] = useState<SignIn>({ state: 'idle' });
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = account.name || 'this account';
  // Only the latest sign-in's outcome counts: a cancelled one's (signInCancelled) is not news.
  const attempt = useRef(0);

  const verify = async () => {
    const mine = ++attempt.current;
    setError(null);
    setSignIn({ state: 'waiting' });
    try {
      const { username } = await call('verifyAccountOwner', { id: account.id });
      if (mine === attempt.current) setSignIn({ state: 'done', username });
    } catch (caught) {
      if (mine !== attempt.current) return;
      setSignIn({ state: 'idle' });
      setError(caught instanceof AppError ? caught.message : 'The sign-in did not work. Try again.');
    }
  };

  const cancel = () => {
    attempt.current++;
    setSignIn({ state: 'idle' });
    void call('cancelSignIn').catch(() => undefined); // ends the sign-in in main: its listener closes
  };

  const canScan = !personal || signIn.state === 'done';
  return (
    <div className="details-action" aria-labelledby="action-title">
      <h3 id="action-title">Action required</h3>
      {personal ? (
        signIn.state === 'done' ? (
          <p>
            Signed in as {signIn.username}. Now set up an authenticator app again on your Microsoft account&apos;s security page (account.microsoft.com,
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
      {signIn.state === 'waiting' ? (
        <SignInWaiting status={`Finish signing in as ${who} in your browser.`} onCancel={cancel} />
      ) : (
        <div className="row">
          {personal && signIn.state !== 'done' ? (
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
      <FormError message={error} />
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
