import { useEffect, useRef } from 'react';
import type { ImportResult } from '../../../shared/contract.js';
import { accountLabel } from '../accounts/format.js';
import { importHeadline, moreToScan } from './import-summary.js';

interface Props {
  result: ImportResult;
  /** How many QR codes of this export the dialog has imported so far. */
  importedCodes: number;
  onScanNext(): void;
  onDone(): void;
}

/** What a Google Authenticator export added (every account, by name) and, for a split export, the way to the next QR code. */
export function ImportSummary({ result, importedCodes, onScanNext, onDone }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result]);
  const more = moreToScan(result, importedCodes);
  return (
    <section className="import-summary" aria-labelledby="import-summary-title">
      <h3 id="import-summary-title" tabIndex={-1} ref={heading}>
        {importHeadline(result, importedCodes)}
      </h3>
      <ul className="import-list" aria-label="Imported accounts">
        {result.accounts.map((account) => (
          <li key={account.id}>{accountLabel(account)}</li>
        ))}
      </ul>
      <div className="row">
        {more ? (
          <button type="button" onClick={onScanNext}>
            Scan the next QR code
          </button>
        ) : null}
        <button type="button" className={more ? 'secondary' : undefined} onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
