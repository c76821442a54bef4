import type { AccountView } from '../../../shared/account.js';
import { ExistingAccounts } from './ExistingAccounts.js';

/** The first step on a PC that has accounts: a full recovery would need none, so merge or remove them first. */
export function ExistingAccountsStep({
  accounts,
  onMerge,
  onReplace,
  onCancel,
}: {
  accounts: readonly AccountView[];
  onMerge(): void;
  onReplace(): void;
  onCancel(): void;
}) {
  return (
    <ExistingAccounts
      accounts={accounts}
      intro={
        <>
          A full recovery puts back the accounts of your old PC exactly as they were, so it only runs on a PC without accounts. This PC has{' '}
          {accounts.length === 1 ? 'this account' : `these ${accounts.length} accounts`}:
        </>
      }
      onMerge={onMerge}
      onReplace={onReplace}
      onCancel={onCancel}
    />
  );
}
