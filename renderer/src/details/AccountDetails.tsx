import { ArrowLeft } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { call } from '../app-shell/api.js';
import type { CodeStore } from '../accounts/code-store.js';
import { accountLabel, accountTitle } from '../accounts/format.js';
import { ProviderIcon } from '../tiles/ProviderIcon.js';
import { RecoverAction } from '../recovery/RecoverAction.js';
import { useBackOnEscape } from '../app-shell/sub-page.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';
import { useLayerClosing } from '../ui/Layer.js';
import { AccountActions, exportable, whyNotExportable } from './AccountActions.js';
import { AccountFacts } from './AccountFacts.js';
import { CodePanel } from './CodePanel.js';
import { DeleteConfirm } from './DeleteConfirm.js';
import { RenameForm } from './RenameForm.js';
import { RevealConfirm } from './RevealConfirm.js';
import { SetupReveal } from './SetupReveal.js';
import './details.css';

/** The id of the view's heading, which names the layer it is shown in. */
export const DETAILS_TITLE_ID = 'details-title';

interface Props {
  account: AccountView;
  codes: CodeStore;
  /** Settings > Hide codes: as on the tiles, the codes show only while hovered or focused (or "Show codes" is on). */
  hideCodes: boolean;
  onBack(): void;
  /** Copies the code; true once it is on the clipboard. */
  onCopy(account: AccountView): Promise<boolean>;
  /** Deletes the account (the page then leaves this view); throws an AppError if it could not. */
  onRemove(account: AccountView): Promise<void>;
}

/**
 * The full-screen view of one account, shown in a layer over the tiles (App): Back and the action row on top, the
 * account's logo and names, then the code as the hero (CodePanel, or RecoverAction while the account needs its new
 * setup code) with the facts under it, and below them one panel at a time (rename, a confirmation, the setup key).
 * What went wrong is said at the bottom.
 */
export function AccountDetails({ account, codes, hideCodes, onBack, onCopy, onRemove }: Props) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirmDelete' | 'confirmReveal' | 'reveal'>('view');
  const action = useAction();
  // Leaving (Back, Escape, the scrim), the view fades out: a shown setup key goes at once, not with it.
  const leaving = useLayerClosing();
  const [recovered, setRecovered] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  /** The button that opened the panel shown below the facts, where the focus goes back when it closes. */
  const panelOpener = useRef<HTMLElement | null>(null);
  /** The lock password typed into the warning (app lock on), handed once to main with the request; never kept after. */
  const revealLockPassword = useRef<string | undefined>(undefined);
  const panel = useRef<HTMLDivElement>(null);

  // preventScroll: the layer is fixed; the page under it must not move.
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  // Once recovered, the recover dialog and its action are gone: focus goes back to the top of the view.
  const neededVerification = useRef(account.needsVerification);
  useEffect(() => {
    if (neededVerification.current && !account.needsVerification) heading.current?.focus({ preventScroll: true });
    neededVerification.current = account.needsVerification;
  }, [account.needsVerification]);
  const openPanel = (panel: typeof mode) => {
    panelOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setMode(panel);
  };
  /** Closes the panel (Cancel, Hide, Save, Escape), the focus back on the button that opened it. */
  const closePanel = () => {
    revealLockPassword.current = undefined;
    setMode('view');
    requestAnimationFrame(() => panelOpener.current?.focus());
  };
  // A panel opens under the facts, often below the layer's fold: the layer scrolls it fully into view (the page under
  // the layer is fixed and does not move). The focus stays where the panel put it.
  useEffect(() => {
    if (mode !== 'view') panel.current?.scrollIntoView({ block: 'nearest' });
  }, [mode]);
  // Escape closes an open panel first, then the view (a dialog over it, the recover dialog, closes before either).
  useBackOnEscape(mode === 'view' ? onBack : closePanel);

  const remove = () => action.run(() => onRemove(account), 'The account could not be deleted.');
  /** Pinned accounts are the ones the tray lists when there are too many to list them all. */
  const togglePin = () => action.run(() => call('setPinned', { id: account.id, pinned: !account.pinned }), 'The account could not be pinned.');
  const nextHotp = () => action.run(() => call('nextHotpCode', { id: account.id }), 'The next code could not be made.');

  return (
    <div className="account-view">
      <div className="account-toolbar">
        <button type="button" className="toolbar-button" onClick={onBack}>
          <ArrowLeft aria-hidden="true" size={18} />
          Back
        </button>
        <AccountActions
          account={account}
          onTogglePin={() => void togglePin()}
          onRename={() => openPanel('rename')}
          onReveal={() => openPanel('confirmReveal')}
          onDelete={() => openPanel('confirmDelete')}
        />
      </div>

      <div className="account-head">
        <ProviderIcon account={account} size={56} />
        <h2 id={DETAILS_TITLE_ID} tabIndex={-1} ref={heading}>
          {accountTitle(account)}
        </h2>
        {account.issuer && account.name ? <p className="account-name">{account.name}</p> : null}
      </div>

      {account.needsVerification ? (
        <div className="account-panel">
          <RecoverAction account={account} onRecovered={(recovered) => setRecovered(`${accountLabel(recovered)} is recovered: its codes work here again, and the backup keeps its new setup key.`)} />
        </div>
      ) : (
        <CodePanel account={account} codes={codes} hideCodes={hideCodes} onCopy={onCopy} onNextCode={() => void nextHotp()} />
      )}

      <AccountFacts otp={account.otp} />

      <div className="account-panel" ref={panel}>
        {mode === 'rename' ? (
          <RenameForm account={account} onDone={closePanel} />
        ) : mode === 'confirmReveal' ? (
          <RevealConfirm
            account={account}
            onShow={(lockPassword) => {
              revealLockPassword.current = lockPassword;
              setMode('reveal');
            }}
            onCancel={closePanel}
          />
        ) : mode === 'reveal' && !leaving ? (
          <SetupReveal account={account} lockPassword={revealLockPassword.current} onHide={closePanel} />
        ) : mode === 'confirmDelete' ? (
          <DeleteConfirm account={account} onDelete={() => void remove()} onCancel={closePanel} />
        ) : !exportable(account) ? (
          <p className="hint">{whyNotExportable(account)}</p>
        ) : null}
        <p className="form-status" role="status">
          {recovered}
        </p>
        <FormError message={action.error} />
      </div>
    </div>
  );
}
