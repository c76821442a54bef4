import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { useCode, type CodeStore } from '../accounts/code-store.js';
import { groupDigits } from '../accounts/format.js';
import { Countdown } from '../tiles/Countdown.js';
import { useCopiedMark } from '../tiles/use-copied-mark.js';

interface Props {
  account: AccountView;
  codes: CodeStore;
  /** Settings > Hide codes: as on the tiles, the codes show only while hovered or focused (or "Show codes" is on). */
  hideCodes: boolean;
  /** Copies the code; true once it is on the clipboard (the button then says so). */
  onCopy(account: AccountView): Promise<boolean>;
  /** "Use next code" of an HOTP account; the view says what went wrong, if anything. */
  onNextCode(): void;
}

/**
 * The hero of the full-screen view: the code, large, with the tiles' ring and seconds beside it (or the counter of an
 * HOTP account), the next code under it, and one Copy button that says "Copied" once the code is on the clipboard.
 * It re-renders at a rollover only: the ring counts down in CSS.
 */
export function CodePanel({ account, codes, hideCodes, onCopy, onNextCode }: Props) {
  const code = useCode(codes, account.id);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [shown, setShown] = useState(false);
  const [copied, markCopied] = useCopiedMark();
  // Not blurred like a tile's code but left out of the page: nothing to read in a screenshot, a screen share or the DOM.
  const concealed = hideCodes && !hovered && !focused && !shown;
  const masked = (digits: string) => (concealed ? groupDigits('•'.repeat(digits.length)) : groupDigits(digits));
  const { otp } = account;

  return (
    <div className="code-hero">
      <div className="code-hero-codes" onPointerEnter={() => setHovered(true)} onPointerLeave={() => setHovered(false)}>
        <div className="code-line">
          <span className={`details-code${concealed ? ' concealed' : ''}`}>{code ? masked(code.code) : '······'}</span>
          {concealed ? <span className="visually-hidden">(hidden)</span> : null}
          {code && code.validFrom !== null && code.validUntil !== null ? (
            // A new ring per code restarts its animation.
            <Countdown key={code.validFrom} validFrom={code.validFrom} validUntil={code.validUntil} clockOffsetMs={codes.clockOffsetMs} large />
          ) : null}
        </div>
        <p className="details-meta">
          {otp.type === 'hotp' ? <span>Counter {otp.counter}</span> : null}
          {code ? (
            <span>
              Next{' '}
              <span className={`details-next${concealed ? ' concealed' : ''}`}>
                {concealed ? <span className="visually-hidden">hidden</span> : null}
                <span aria-hidden={concealed || undefined}>{masked(code.next)}</span>
              </span>
            </span>
          ) : null}
        </p>
      </div>
      <div className="code-hero-buttons">
        <button
          type="button"
          className={`copy-button${copied ? ' copied' : ''}`}
          onClick={() => void onCopy(account).then((done) => done && markCopied())}
          // Keyboard focus shows the code, as on a tile (:focus-visible there): a click shows it while hovered.
          onFocus={(e) => setFocused(e.currentTarget.matches(':focus-visible'))}
          onBlur={() => setFocused(false)}
        >
          {copied ? <Check aria-hidden="true" size={18} strokeWidth={2.5} /> : <Copy aria-hidden="true" size={18} />}
          {copied ? 'Copied' : 'Copy'}
        </button>
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
    </div>
  );
}
