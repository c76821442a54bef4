import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { call } from '../app-shell/api.js';
import { useCode, type CodeStore } from '../accounts/code-store.js';
import { accountLabel, accountTitle, filterAccounts, groupDigits } from '../accounts/format.js';
import { useAccounts } from '../accounts/use-accounts.js';
import { useNow } from '../details/use-now.js';
import { useSettings } from '../settings/use-settings.js';
import { ProviderIcon } from '../tiles/ProviderIcon.js';
import { failureMessage } from '../ui/use-action.js';
import { URGENT_MS } from '../tiles/Countdown.js';

/** Why the picker went away: the host hides its window (Electron) or its panel (the harness's /quick page). */
export type QuickPickerOutcome = 'copied' | 'dismissed';

/** At most this many rows: the picker is for finding one account by typing, not for browsing. */
const MAX_ROWS = 8;

/**
 * The quick picker: a search box and the accounts it matches, each with its code and the seconds it has left. Type to
 * filter, Up/Down to choose, Enter copies the chosen account's code and closes, Escape closes. The code is copied by
 * main, which computes it at that moment: a code that expired while the picker was open is never the one copied.
 * The same component serves the app's always-on-top picker window and the harness's /quick page.
 */
export function QuickPicker({ onDone }: { onDone(outcome: QuickPickerOutcome): void }) {
  const { accounts, codes, loaded } = useAccounts();
  useSettings(); // applies the theme
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const now = useNow(codes.clockOffsetMs);

  const matches = useMemo(() => filterAccounts(accounts, query).filter((account) => !account.needsVerification).slice(0, MAX_ROWS), [accounts, query]);
  const active = Math.min(chosen, Math.max(0, matches.length - 1));

  useEffect(() => input.current?.focus(), []);

  const copy = async (account: AccountView | undefined) => {
    if (!account) return;
    try {
      await call('copyCode', { id: account.id });
      onDone('copied');
    } catch (caught) {
      setProblem(failureMessage(caught, 'The code could not be copied.'));
    }
  };

  return (
    <div className="quick-picker">
      <input
        ref={input}
        type="search"
        className="quick-search"
        placeholder="Type to find an account"
        aria-label="Find an account"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches[active] ? `${listId}-${matches[active].id}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setChosen(0);
          setProblem(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const step = event.key === 'ArrowDown' ? 1 : -1;
            setChosen((active + step + matches.length) % Math.max(1, matches.length));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            void copy(matches[active]);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onDone('dismissed');
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Accounts" className="quick-list">
        {matches.map((account, index) => (
          <li
            key={account.id}
            id={`${listId}-${account.id}`}
            role="option"
            aria-selected={index === active}
            aria-label={accountLabel(account)}
            className="quick-row"
            onPointerDown={(event) => event.preventDefault()} // keep the focus in the box
            onClick={() => void copy(account)}
          >
            <ProviderIcon account={account} size={32} />
            <span className="quick-text">
              <span className="quick-issuer">{accountTitle(account)}</span>
              {account.issuer && account.name ? <span className="quick-name">{account.name}</span> : null}
            </span>
            <QuickCode codes={codes} id={account.id} now={now} />
          </li>
        ))}
      </ul>
      {loaded && matches.length === 0 ? (
        <p className="quick-empty" role="status">
          {accounts.length === 0 ? 'No accounts yet.' : `No account matches “${query.trim()}”.`}
        </p>
      ) : null}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="quick-hint" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> copy · <kbd>Esc</kbd> close
      </p>
    </div>
  );
}

function QuickCode({ codes, id, now }: { codes: CodeStore; id: string; now: number }) {
  const code = useCode(codes, id);
  const seconds = code?.validUntil == null ? null : Math.max(0, Math.ceil((code.validUntil - now) / 1000));
  return (
    <span className="quick-code">
      <span className="quick-digits">{code ? groupDigits(code.code) : '······'}</span>
      {seconds !== null ? <span className={`quick-seconds${seconds * 1000 <= URGENT_MS ? ' urgent' : ''}`}>{seconds} s</span> : null}
    </span>
  );
}
