import { useEffect, useState } from 'react';
import type { AccountView, CodeBatch } from '../../../shared/account.js';
import { AppError } from '../../../shared/app-error.js';
import { call, on } from '../app-shell/api.js';
import { CodeStore } from './code-store.js';

export interface AccountsState {
  accounts: AccountView[];
  /** The latest codes; the same object for the page's lifetime, so holding it re-renders nothing at a rollover. */
  codes: CodeStore;
  /** A problem that stops the list from loading (damaged vault, keychain unavailable). */
  loadError: AppError | null;
  /** The first load has finished (so "no accounts" really means none). */
  loaded: boolean;
  reload: () => void;
}

/** The account list and the latest codes, kept current by main's events. */
export function useAccounts(): AccountsState {
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [codes] = useState(() => new CodeStore());
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    const takeBatch = (next: CodeBatch) => {
      if (live) codes.take(next);
    };
    const offAccounts = on('accountsChanged', (list) => {
      if (!live) return;
      setAccounts(list);
      // The whole list: it also ends a load problem that main got past (a recovery restored the vault, say).
      setLoadError(null);
      setLoaded(true);
    });
    const offCodes = on('codes', takeBatch);
    Promise.all([call('listAccounts'), call('getCodes')]).then(
      ([list, codes]) => {
        if (!live) return;
        setAccounts(list);
        takeBatch(codes);
        setLoadError(null);
        setLoaded(true);
      },
      (error: unknown) => {
        if (live) setLoadError(error instanceof AppError ? error : new AppError('internal', 'The accounts could not be loaded.'));
      },
    );
    return () => {
      live = false;
      offAccounts();
      offCodes();
    };
  }, [attempt, codes]);

  return { accounts, codes, loadError, loaded, reload: () => setAttempt((n) => n + 1) };
}
