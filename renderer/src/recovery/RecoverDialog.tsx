import { useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { AppError } from '../../../shared/app-error.js';
import { call } from '../app-shell/api.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';
import { ModalDialog } from '../ui/ModalDialog.js';
import { accountTitle } from '../accounts/format.js';
import { SETUP_METHOD_TABS, SetupLinkForm, type SetupMethod } from '../add/setup-methods.js';
import { SingleFieldForm } from '../ui/SingleFieldForm.js';
import { QrScan } from '../add/qr/QrScan.js';
import { Tabs } from '../ui/Tabs.js';

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
  const [tab, setTab] = useState<SetupMethod>('qr');

  // A setup code of another account (main says which and which) waits here for the person's decision.
  const [mismatch, setMismatch] = useState<{ uri: string; message: string } | null>(null);
  const confirm = useAction('The setup code could not be used.');

  const reenroll = async (uri: string) => {
    try {
      onRecovered(await call('reenrollAccount', { id: account.id, uri }));
    } catch (caught) {
      if (!(caught instanceof AppError && caught.kind === 'accountMismatch')) throw caught;
      confirm.setError(null);
      setMismatch({ uri, message: caught.message });
    }
  };
  /** The person says the provider renamed the account: the same code, sent again with that said explicitly. */
  const takeAnyway = (uri: string) => confirm.run(async () => onRecovered(await call('reenrollAccount', { id: account.id, uri, providerChanged: true })));

  return (
    <ModalDialog title={`Recover ${accountTitle(account)}`} describedBy="recover-text" onClose={onClose}>
      <p id="recover-text" className="hint dialog-intro">
        Scan the QR code the account&apos;s security page shows for a new authenticator app, or paste its link or setup key. The account keeps its name
        and place.
      </p>
      {mismatch ? (
        <div className="confirm" aria-labelledby="mismatch-title">
          <h3 id="mismatch-title">This is not {accountTitle(account)}&apos;s setup code</h3>
          <p role="alert">{mismatch.message}</p>
          <div className="row">
            <button type="button" autoFocus onClick={() => setMismatch(null)}>
              Scan another code
            </button>
            <button type="button" className="secondary danger-text" onClick={() => void takeAnyway(mismatch.uri)}>
              The provider changed it — use this key
            </button>
          </div>
          <FormError message={confirm.error} />
        </div>
      ) : (
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
      )}
    </ModalDialog>
  );
}
