import type { AccountView, CodeView } from '../../shared/account.js';
import { useNow } from './use-now.js';

interface Props {
  accounts: readonly AccountView[];
  codes: ReadonlyMap<string, CodeView>;
  clockOffsetMs: number;
}

export function AccountList({ accounts, codes, clockOffsetMs }: Props) {
  const now = useNow(clockOffsetMs);
  if (accounts.length === 0) {
    return (
      <p className="empty" role="status">
        No accounts yet. Paste a setup link above to add your first one.
      </p>
    );
  }
  return (
    <ul className="accounts" aria-label="Accounts">
      {accounts.map((account) => (
        <AccountTile key={account.id} account={account} code={codes.get(account.id)} now={now} />
      ))}
    </ul>
  );
}

function AccountTile({ account, code, now }: { account: AccountView; code: CodeView | undefined; now: number }) {
  const title = account.issuer || account.name;
  const secondsLeft = code?.validUntil == null ? null : Math.max(0, Math.ceil((code.validUntil - now) / 1000));
  return (
    <li className="tile" aria-label={[account.issuer, account.name].filter(Boolean).join(', ')}>
      <div className="tile-icon" aria-hidden="true">
        {title.slice(0, 1).toUpperCase() || '?'}
      </div>
      <div className="tile-text">
        <div className="tile-issuer">{account.issuer || account.name}</div>
        {account.issuer && account.name ? <div className="tile-name">{account.name}</div> : null}
      </div>
      {account.needsVerification ? (
        <div className="tile-action">Action required</div>
      ) : (
        <div className="tile-code-block">
          <output className="tile-code" aria-label={`Code for ${title}`}>
            {code ? groupDigits(code.code) : '······'}
          </output>
          {secondsLeft !== null ? <span className="tile-countdown">{secondsLeft}s</span> : null}
        </div>
      )}
    </li>
  );
}

/** 123456 -> "123 456", 12345678 -> "1234 5678": easier to read and to type. */
function groupDigits(code: string): string {
  if (code.length < 6) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
