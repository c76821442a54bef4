import { useEffect, useRef } from 'react';
import { accountLabel } from '../../../shared/account-label.js';

export interface Outcome {
  /** Where the file was saved; null for QR codes. */
  savedTo: string | null;
  exported: number;
  leftOut: readonly { id: string; issuer: string; name: string; reason: string }[];
}

const accounts = (n: number) => `${n} ${n === 1 ? 'account' : 'accounts'}`;

/** How many were exported, where the file is, and which accounts were left out and why. */
export function ExportSummary({ outcome, onClose }: { outcome: Outcome; onClose(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const headline = outcome.savedTo === null ? `Shown ${accounts(outcome.exported)} as QR codes` : `Exported ${accounts(outcome.exported)}`;
  return (
    <section aria-labelledby="export-summary">
      <h3 id="export-summary" tabIndex={-1} ref={heading}>
        {headline}
      </h3>
      {outcome.savedTo !== null && (
        <p>
          Saved to <span className="mono">{outcome.savedTo}</span>
        </p>
      )}
      {outcome.leftOut.length > 0 && (
        <>
          <p>Left out:</p>
          <ul aria-label="Left out">
            {outcome.leftOut.map((entry) => (
              <li key={entry.id}>
                {accountLabel(entry)}: {entry.reason}.
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="row">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </section>
  );
}
