import { useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { call } from '../app-shell/api.js';
import type { CodeStore } from '../accounts/code-store.js';
import { accountLabel, accountTitle } from '../accounts/format.js';
import { ProviderIcon } from '../tiles/ProviderIcon.js';
import { RecoverAction } from '../recovery/RecoverAction.js';
import { BackBar, useBackOnEscape } from '../app-shell/sub-page.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';
import { AccountActions } from './AccountActions.js';
import { AccountFacts } from './AccountFacts.js';
import { CodePanel } from './CodePanel.js';
import { DeleteConfirm } from './DeleteConfirm.js';
import { RenameForm } from './RenameForm.js';
import { RevealConfirm } from './RevealConfirm.js';
import { SetupReveal } from './SetupReveal.js';

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
 * The full-screen view of one account: large code, the next one, countdown (CodePanel, or RecoverAction while the
 * account needs its new setup code), details, rename, delete, and its QR code and setup key behind a warning. One
 * panel below the details at a time; what went wrong is said at the bottom.
 */
export function AccountDetails({ account, codes, hideCodes, onBack, onCopy, onRemove }: Props) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirmDelete' | 'confirmReveal' | 'reveal'>('view');
  const action = useAction();
  const [recovered, setRecovered] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  /** The lock password typed into the warning (app lock on), handed once to main with the request; never kept after. */
  const revealLockPassword = useRef<string | undefined>(undefined);

  useEffect(() => heading.current?.focus(), []);
  // Once recovered, the recover dialog and its action are gone: focus goes back to the top of the view.
  const neededVerification = useRef(account.needsVerification);
  useEffect(() => {
    if (neededVerification.current && !account.needsVerification) heading.current?.focus();
    neededVerification.current = account.needsVerification;
  }, [account.needsVerification]);
  useBackOnEscape(onBack, mode === 'view');
  /** Back to the view, with focus on the button that showed it. */
  const hideSetup = () => {
    revealLockPassword.current = undefined;
    setMode('view');
    requestAnimationFrame(() => revealButton.current?.focus());
  };

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
        <CodePanel account={account} codes={codes} hideCodes={hideCodes} onCopy={onCopy} onNextCode={() => void nextHotp()} />
      )}

      <AccountFacts otp={account.otp} />

      {mode === 'rename' ? (
        <RenameForm account={account} onDone={() => setMode('view')} />
      ) : mode === 'confirmReveal' ? (
        <RevealConfirm
          account={account}
          onShow={(lockPassword) => {
            revealLockPassword.current = lockPassword;
            setMode('reveal');
          }}
          onCancel={hideSetup}
        />
      ) : mode === 'reveal' ? (
        <SetupReveal account={account} lockPassword={revealLockPassword.current} onHide={hideSetup} />
      ) : mode === 'confirmDelete' ? (
        <DeleteConfirm account={account} onDelete={() => void remove()} onCancel={() => setMode('view')} />
      ) : (
        <AccountActions
          account={account}
          revealButton={revealButton}
          onTogglePin={() => void togglePin()}
          onRename={() => setMode('rename')}
          onReveal={() => setMode('confirmReveal')}
          onDelete={() => setMode('confirmDelete')}
        />
      )}
      <p className="form-status" role="status">
        {recovered}
      </p>
      <FormError message={action.error} />
    </section>
  );
}
