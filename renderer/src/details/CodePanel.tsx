import { useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { useCode, type CodeStore } from '../accounts/code-store.js';
import { accountLabel, groupDigits } from '../accounts/format.js';
import { useNow } from './use-now.js';

interface Props {
  account: AccountView;
  codes: CodeStore;
  /** Settings > Hide codes: as on the tiles, the codes show only while hovered or focused (or "Show codes" is on). */
  hideCodes: boolean;
  onCopy(account: AccountView): void;
  /** "Use next code" of an HOTP account; the view says what went wrong, if anything. */
  onNextCode(): void;
}

/** The full-screen view's code: large, the next one, the countdown (or the counter), Show codes and Use next code. */
export function CodePanel({ account, codes, hideCodes, onCopy, onNextCode }: Props) {
  const code = useCode(codes, account.id);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [shown, setShown] = useState(false);
  // Not blurred like a tile's code but left out of the page: nothing to read in a screenshot, a screen share or the DOM.
  const concealed = hideCodes && !hovered && !focused && !shown;
  const masked = (digits: string) => (concealed ? groupDigits('•'.repeat(digits.length)) : groupDigits(digits));
  const now = useNow(codes.clockOffsetMs);
  const secondsLeft = code?.validUntil == null ? null : Math.max(0, Math.ceil((code.validUntil - now) / 1000));
  const { otp } = account;

  return (
    <div className="details-code-block">
      <div className="details-codes" onPointerEnter={() => setHovered(true)} onPointerLeave={() => setHovered(false)}>
        <button
          type="button"
          className={`details-code${concealed ? ' concealed' : ''}`}
          onClick={() => onCopy(account)}
          // Keyboard focus shows the code, as on a tile (:focus-visible there): a click shows it while hovered.
          onFocus={(e) => setFocused(e.currentTarget.matches(':focus-visible'))}
          onBlur={() => setFocused(false)}
          aria-label={`Copy code for ${accountLabel(account)}${concealed ? ' (hidden)' : ''}`}
        >
          {code ? masked(code.code) : '······'}
        </button>
        <p className="details-meta">
          {secondsLeft !== null ? <span>Next code in {secondsLeft} s</span> : <span>Counter {otp.counter}</span>}
          {code ? (
            <span>
              Next:{' '}
              <span className={`details-next${concealed ? ' concealed' : ''}`}>
                {concealed ? <span className="visually-hidden">hidden</span> : null}
                <span aria-hidden={concealed || undefined}>{masked(code.next)}</span>
              </span>
            </span>
          ) : null}
        </p>
      </div>
      {hideCodes || otp.type === 'hotp' ? (
        <div className="row">
          {hideCodes ? (
            <button type="button" className="secondary" aria-pressed={shown} onClick={() => setShown(!shown)}>
              Show codes
            </button>
          ) : null}
          {otp.type === 'hotp' ? (
            <button type="button" className="secondary" onClick={onNextCode}>
              Use next code
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
