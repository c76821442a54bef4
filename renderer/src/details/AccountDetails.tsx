import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { call } from '../app-shell/api.js';
import { useCode, type CodeStore } from '../accounts/code-store.js';
import { accountLabel, accountTitle, groupDigits } from '../accounts/format.js';
import { ProviderIcon } from '../tiles/ProviderIcon.js';
import { RecoverAction } from '../recovery/RecoverAction.js';
import { SetupReveal } from './SetupReveal.js';
import { BackBar, useBackOnEscape } from '../app-shell/sub-page.js';
import { useNow } from './use-now.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';

interface Props {
  account: AccountView;
  codes: CodeStore;
  /** Settings > Hide codes: as on the tiles, the codes show only while hovered or focused (or "Show codes" is on). */
  hideCodes: boolean;
  onBack(): void;
  onCopy(account: AccountView): void;
  /** Deletes the account (the page then leaves this view); throws an AppError if it could not. */
  onRemove(account: AccountView): Promise<void>;
}

/**
 * The full-screen view of one account: large code, the next one, countdown, details, rename, delete, and its QR code
 * and setup key behind a warning.
 */
export function AccountDetails({ account, codes, hideCodes, onBack, onCopy, onRemove }: Props) {
  const code = useCode(codes, account.id);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [shown, setShown] = useState(false);
  // Not blurred like a tile's code but left out of the page: nothing to read in a screenshot, a screen share or the DOM.
  const concealed = hideCodes && !hovered && !focused && !shown;
  const masked = (digits: string) => (concealed ? groupDigits('•'.repeat(digits.length)) : groupDigits(digits));
  const now = useNow(codes.clockOffsetMs);
  const [mode, setMode] = useState<'view' | 'rename' | 'confirmDelete' | 'confirmReveal' | 'reveal'>('view');
  const action = useAction();
  const [recovered, setRecovered] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);

  useEffect(() => heading.current?.focus(), []);
  // Once recovered, the recover dialog and its action are gone: focus goes back to the top of the view.
  const neededVerification = useRef(account.needsVerification);
  useEffect(() => {
    if (neededVerification.current && !account.needsVerification) heading.current?.focus();
    neededVerification.current = account.needsVerification;
  }, [account.needsVerification]);
  useBackOnEscape(onBack, mode === 'view');
  // Escape cancels the warning (the shown key hides itself on Escape).
  useEffect(() => {
    if (mode !== 'confirmReveal') return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') hideSetup();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  /** Back to the view, with focus on the button that showed it. */
  const hideSetup = () => {
    setMode('view');
    requestAnimationFrame(() => revealButton.current?.focus());
  };

  const secondsLeft = code?.validUntil == null ? null : Math.max(0, Math.ceil((code.validUntil - now) / 1000));
  const { otp } = account;

  const remove = () => action.run(() => onRemove(account), 'The account could not be deleted.');
  /** Pinned accounts are the ones the tray lists when there are too many to list them all. */
  const togglePin = () => action.run(() => call('setPinned', { id: account.id, pinned: !account.pinned }), 'The account could not be pinned.');
  const nextHotp = () => action.run(() => call('nextHotpCode', { id: account.id }), 'The next code could not be made.');

  return (
    <section className="details" aria-labelledby="details-title">
      <BackBar onBack={onBack} />
      <div className="details-head">
        <ProviderIcon account={account} size={56} />
        <div>
          <h2 id="details-title" tabIndex={-1} ref={heading}>
            {accountTitle(account)}
          </h2>
          {account.issuer && account.name ? <p className="details-name">{account.name}</p> : null}
        </div>
      </div>

      {account.needsVerification ? (
        <RecoverAction account={account} onRecovered={(recovered) => setRecovered(`${accountLabel(recovered)} is recovered: its codes work here again, and the backup keeps its new setup key.`)} />
      ) : (
        <div className="details-code-block">
          <div className="details-codes" onPointerEnter={() => setHovered(true)} onPointerLeave={() => setHovered(false)}>
            <button
              type="button"
              className={`details-code${concealed ? ' concealed' : ''}`}
              onClick={() => onCopy(account)}
              // Keyboard focus shows the code, as on a tile (:focus-visible there): a click shows it while hovered.
              onFocus={(e) => setFocused(e.currentTarget.matches(':focus-visible'))}
              onBlur={() => setFocused(false)}
              aria-label={`Copy code for ${accountLabel(account)}${concealed ? ' (hidden)' : ''}`}
            >
              {code ? masked(code.code) : '······'}
            </button>
            <p className="details-meta">
              {secondsLeft !== null ? <span>Next code in {secondsLeft} s</span> : <span>Counter {otp.counter}</span>}
              {code ? (
                <span>
                  Next:{' '}
                  <span className={`details-next${concealed ? ' concealed' : ''}`}>
                    {concealed ? <span className="visually-hidden">hidden</span> : null}
                    <span aria-hidden={concealed || undefined}>{masked(code.next)}</span>
                  </span>
                </span>
              ) : null}
            </p>
          </div>
          {hideCodes || otp.type === 'hotp' ? (
            <div className="row">
              {hideCodes ? (
                <button type="button" className="secondary" aria-pressed={shown} onClick={() => setShown(!shown)}>
                  Show codes
                </button>
              ) : null}
              {otp.type === 'hotp' ? (
                <button type="button" className="secondary" onClick={() => void nextHotp()}>
                  Use next code
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      )}

      <dl className="details-facts">
        <dt>Type</dt>
        <dd>{otp.type === 'steam' ? 'Steam Guard' : otp.type.toUpperCase()}</dd>
        <dt>Algorithm</dt>
        <dd>{otp.algorithm}</dd>
        <dt>Digits</dt>
        <dd>{otp.digits}</dd>
        {otp.type === 'hotp' ? (
          <>
            <dt>Counter</dt>
            <dd>{otp.counter}</dd>
          </>
        ) : (
          <>
            <dt>Period</dt>
            <dd>{otp.period} s</dd>
          </>
        )}
      </dl>

      {mode === 'rename' ? (
        <RenameForm account={account} onDone={() => setMode('view')} />
      ) : mode === 'confirmReveal' ? (
        <div className="confirm" role="alertdialog" aria-labelledby="reveal-confirm-title" aria-describedby="reveal-confirm-text">
          <h3 id="reveal-confirm-title">Show the QR code and setup key?</h3>
          <p id="reveal-confirm-text">
            Anyone who sees them can make your codes for {accountLabel(account)}, now and later, without your PC. Show them only to move this account
            to another authenticator app, with nobody watching and your screen not being shared or recorded.
          </p>
          <div className="row">
            <button type="button" className="danger" onClick={() => setMode('reveal')}>
              Show QR code and setup key
            </button>
            <button type="button" className="secondary" autoFocus onClick={hideSetup}>
              Cancel
            </button>
          </div>
        </div>
      ) : mode === 'reveal' ? (
        <SetupReveal account={account} onHide={hideSetup} />
      ) : mode === 'confirmDelete' ? (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
          <h3 id="confirm-title">Delete {accountTitle(account)}?</h3>
          <p id="confirm-text">
            You will no longer get codes for {accountLabel(account)} here. Make sure you can still sign in to it another way (or have turned
            two-step verification off there) before you delete it.
          </p>
          <div className="row">
            <button type="button" className="danger" onClick={() => void remove()}>
              Delete account
            </button>
            <button type="button" className="secondary" autoFocus onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" className="secondary" aria-pressed={account.pinned} onClick={() => void togglePin()}>
            {account.pinned ? 'Unpin from tray' : 'Pin to tray'}
          </button>
          <button type="button" className="secondary" onClick={() => setMode('rename')}>
            Rename
          </button>
          {exportable(account) ? (
            <button type="button" className="secondary" ref={revealButton} onClick={() => setMode('confirmReveal')}>
              Show QR code and setup key…
            </button>
          ) : null}
          <button type="button" className="secondary danger-text" onClick={() => setMode('confirmDelete')}>
            Delete…
          </button>
        </div>
      )}
      {mode === 'view' && !exportable(account) ? <p className="hint">{whyNotExportable(account)}</p> : null}
      <p className="form-status" role="status">
        {recovered}
      </p>
      <FormError message={action.error} />
    </section>
  );
}

/** Device-bound accounts and accounts restored without their secret have no setup key to show (main refuses too). */
function exportable(account: AccountView): boolean {
  return !account.deviceBound && !account.needsVerification;
}

function whyNotExportable(account: AccountView): string {
  return account.needsVerification
    ? 'Its QR code and setup key cannot be shown: this device does not have them yet (Action required).'
    : 'Its QR code and setup key cannot be shown: this account is tied to this device (sign-in approvals), so it cannot be moved to another app.';
}

function RenameForm({ account, onDone }: { account: AccountView; onDone(): void }) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.name);
  const rename = useAction('The account could not be renamed.');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await rename.run(async () => {
      await call('renameAccount', { id: account.id, issuer, name });
      onDone();
    });
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label>
        Issuer
        <input value={issuer} onChange={(e) => setIssuer(e.target.value)} autoFocus maxLength={256} />
      </label>
      <label>
        Account name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={256} />
      </label>
      <FormError message={rename.error} />
      <div className="row">
        <button type="submit">Save</button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
