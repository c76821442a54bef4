import { useState, type FormEvent } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { call } from '../app-shell/api.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';

/** Issuer and account name, changed in place; Escape or Cancel leaves them as they were. */
export function RenameForm({ account, onDone }: { account: AccountView; onDone(): void }) {
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
