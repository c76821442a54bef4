import { useEffect, useState } from 'react';
import type { AccountView, CodeBatch, CodeView } from '../../shared/account.js';
import { AppError } from '../../shared/app-error.js';
import { call, on } from './api.js';

export interface AccountsState {
  accounts: AccountView[];
  codes: ReadonlyMap<string, CodeView>;
  /** main's clock minus this page's clock, so countdowns agree with main even when its clock is moved. */
  clockOffsetMs: number;
  /** A problem that stops the list from loading (damaged vault, keychain unavailable). */
  loadError: AppError | null;
  /** The first load has finished (so "no accounts" really means none). */
  loaded: boolean;
  reload: () => void;
}

/** The account list and the latest codes, kept current by main's events. */
export function useAccounts(): AccountsState {
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [batch, setBatch] = useState<{ codes: Map<string, CodeView>; offset: number }>({ codes: new Map(), offset: 0 });
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    const takeBatch = (next: CodeBatch) => {
      if (live) setBatch({ codes: new Map(next.codes.map((c) => [c.id, c])), offset: next.issuedAt - Date.now() });
    };
    const offAccounts = on('accountsChanged', (list) => {
      if (!live) return;
      setAccounts(list);
      setLoadError(null);
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
  }, [attempt]);

  return { accounts, codes: batch.codes, clockOffsetMs: batch.offset, loadError, loaded, reload: () => setAttempt((n) => n + 1) };
}
