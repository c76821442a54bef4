import type { ImportReport } from '../../../shared/import.js';
import { entryLabel } from './ImportPreviewList.js';

/** After the write: every entry of the file, imported, a duplicate, or not imported with its reason. */
export function ImportReportView({ report, onDone }: { report: ImportReport; onDone(): void }) {
  const n = report.imported.length;
  return (
    <div className="import-report" role="status">
      <p>
        <strong>
          {n === 0 ? 'No accounts were imported.' : `Imported ${n} account${n === 1 ? '' : 's'}`}
        </strong>
        {n > 0 && ', added after your existing accounts.'}
      </p>
      {report.imported.length > 0 && (
        <ul className="preview-list" aria-label="Imported">
          {report.imported.map((a, i) => (
            <li key={a.id ?? i}>
              {entryLabel(a)}
              {a.pinned && <span className="badge info">Pinned</span>}
            </li>
          ))}
        </ul>
      )}
      {report.duplicates.length > 0 && (
        <>
          <h4 className="preview-heading">Already in your accounts ({report.duplicates.length})</h4>
          <ul className="preview-list" aria-label="Duplicates">
            {report.duplicates.map((a, i) => (
              <li key={i}>{entryLabel(a)}</li>
            ))}
          </ul>
        </>
      )}
      {report.skipped.length > 0 && (
        <>
          <h4 className="preview-heading">Not imported ({report.skipped.length})</h4>
          <ul className="preview-list" aria-label="Not imported">
            {report.skipped.map((a, i) => (
              <li key={i}>
                {entryLabel(a)}: <span className="hint">{a.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="row">
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
