import { useRef, useState } from 'react';
import type { AccountView } from '../../shared/account.js';
import { call } from './api.js';
import { useModalDialog } from './modal-dialog.js';
import { accountTitle } from './format.js';
import { SETUP_METHOD_TABS, SetupLinkForm, type SetupMethod } from './setup-methods.js';
import { SingleFieldForm } from './SingleFieldForm.js';
import { QrScan } from './QrScan.js';
import { Tabs } from './Tabs.js';


interface Props {
  account: AccountView;
  onClose(): void;
  onRecovered(account: AccountView): void;
}

/**
 * The new setup code of an account restored without its device-bound secret: the add dialog's QR scanner, link
 * field and a setup-key field, bound to this one account (main re-enrols it: same name, kind and place).
 */
export function RecoverDialog({ account, onClose, onRecovered }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [tab, setTab] = useState<SetupMethod>('qr');

  useModalDialog(dialog);

  const reenroll = async (uri: string) => onRecovered(await call('reenrollAccount', { id: account.id, uri }));

  return (
    <dialog ref={dialog} className="add-dialog" aria-labelledby="recover-title" aria-describedby="recover-text" onClose={onClose} onCancel={onClose}>
      <div className="dialog-head">
        <h2 id="recover-title">Recover {accountTitle(account)}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </div>
      <p id="recover-text" className="hint dialog-intro">
        Scan the QR code the account&apos;s security page shows for a new authenticator app, or paste its link or setup key. The account keeps its name
        and place.
      </p>
      <Tabs<SetupMethod> tabs={SETUP_METHOD_TABS} tab={tab} setTab={setTab} label="How to recover">
        {tab === 'qr' ? (
          <QrScan onLink={(uri) => reenroll(uri)} />
        ) : tab === 'link' ? (
          <SetupLinkForm hint="The setup link, starting with otpauth://." submitLabel="Recover account" onLink={reenroll} />
        ) : (
          // Only the key: the codes of an account set up by hand are the usual ones (TOTP, SHA-1, 6 digits, 30 s).
          <SingleFieldForm
            id="recover-key"
            label="Setup key"
            hint={`The letters and digits shown under the QR code ("Can't scan the image?"); spaces do not matter.`}
            submitLabel="Recover account"
            fallbackError="The setup key could not be used."
            onSubmit={(key) => reenroll(`otpauth://totp/${encodeURIComponent(account.name || 'account')}?secret=${encodeURIComponent(key)}`)}
          />
        )}
      </Tabs>
    </dialog>
  );
}
