import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { call } from '../app-shell/api.js';
import { accountLabel, algorithmLabel } from '../accounts/format.js';
import { failureMessage } from '../ui/use-action.js';
import { WAITING_FOR_MAIN_QUESTION } from '../ui/main-question.js';
import { QrCodeSvg, type QrModules } from '../add/qr/QrCodeSvg.js';
import '../add/qr/qr.css';

/** "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": easier to read out and type into another app. */
export function groupKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** How to describe the account's settings to someone typing the key into another app. */
function settingsHint({ otp }: AccountView): string {
  if (otp.type === 'steam') return 'It is a Steam Guard account: only apps that support Steam Guard make its codes.';
  const kind = otp.type === 'hotp' ? `counter-based (HOTP), counter ${otp.counter}` : `time-based (TOTP), every ${otp.period} seconds`;
  return `Settings for the other app: ${kind}, ${algorithmLabel(otp.algorithm)}, ${otp.digits} digits.`;
}

/**
 * An account's QR code and setup key, fetched from main (exportAccount, the one reply that carries a secret) only
 * once the person confirmed, and held in this component's state only while it is shown: Hide, Escape, leaving the
 * window (blur, hidden) or leaving the view unmounts it, and the key goes with it.
 */
export function SetupReveal({ account, lockPassword, onHide }: { account: AccountView; lockPassword?: string | undefined; onHide(): void }) {
  const [shown, setShown] = useState<{ secret: string; modules: QrModules | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const hide = useEffectEvent(() => onHide());

  useEffect(() => {
    let current = true;
    (async () => {
      try {
        const { uri, secret } = await call('exportAccount', { id: account.id, ...(lockPassword === undefined ? {} : { lockPassword }) });
        let modules: QrModules | null = null;
        try {
          const { create } = await import('qrcode');
          modules = create(uri, { errorCorrectionLevel: 'M' }).modules;
        } catch {
          modules = null; // too long for a QR code: the key alone still works
        }
        if (current) setShown({ secret, modules });
      } catch (caught) {
        if (current) setError(failureMessage(caught, 'The setup key could not be shown.'));
      }
    })();
    return () => {
      current = false;
      setShown(null);
    };
  }, [account.id]);

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') hide();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hide();
    };
    const onBlur = () => hide();
    window.addEventListener('keydown', onKey);
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  return (
    <section className="reveal" aria-labelledby="reveal-title">
      <h3 id="reveal-title" tabIndex={-1} ref={heading}>
        QR code and setup key
      </h3>
      <p className="reveal-warning">
        Anyone who sees this can make your codes. It hides again when you choose Hide, press Escape, go back or switch to another window.
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : shown === null ? (
        <p className="form-status" role="status">
          {WAITING_FOR_MAIN_QUESTION}
        </p>
      ) : (
        <div className="reveal-body">
          {shown.modules ? (
            <QrCodeSvg modules={shown.modules} label={`QR code for ${accountLabel(account)}`} />
          ) : (
            <p className="hint">This account&apos;s link is too long for a QR code; type the setup key instead.</p>
          )}
          <div className="reveal-key">
            <dl>
              <dt>Setup key</dt>
              <dd className="setup-key mono">{groupKey(shown.secret)}</dd>
            </dl>
            <p className="hint">{settingsHint(account)}</p>
          </div>
        </div>
      )}
      <div className="row">
        <button type="button" onClick={onHide}>
          Hide
        </button>
      </div>
    </section>
  );
}
