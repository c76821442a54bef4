import type { ImportEntryView, ImportPreview } from '../../../shared/import.js';
import { accountLabel } from '../accounts/format.js';

const TYPE_LABEL = { totp: 'TOTP', hotp: 'HOTP', steam: 'Steam' } as const;

/** An entry of the file, named as every account is (accountLabel); its id is the preview's handle, not a name. */
export function entryLabel(entry: { issuer: string; name: string }): string {
  return accountLabel({ issuer: entry.issuer, name: entry.name }) || 'Unnamed account';
}

/**
 * What the file holds, one row per entry in file order: new ones ticked, duplicates unticked, the rest with their
 * reason. An entry named like an account here with another key (sameName) starts unticked; ticked, it is added as a
 * second account.
 */
export function ImportPreviewList({ preview, ticked, onToggle }: { preview: ImportPreview; ticked: ReadonlySet<string>; onToggle(id: string): void }) {
  return (
    <ul className="preview-list import-preview" aria-label="Accounts in the file">
      {preview.entries.map((entry) => (
        <li key={entry.id} className={entry.status === 'new' ? undefined : 'skipped'}>
          <label className="setting checkbox">
            <input type="checkbox" checked={ticked.has(entry.id)} disabled={entry.status !== 'new' && entry.status !== 'sameName'} onChange={() => onToggle(entry.id)} />
            <span>{entryLabel(entry)}</span>
            {entry.type && <span className="badge">{TYPE_LABEL[entry.type]}</span>}
            {entry.pinned && entry.status !== 'notImportable' && <span className="badge info" title="A favourite in the other app: pinned to the tray here">Pinned</span>}
            <StatusBadge entry={entry} />
          </label>
          {entry.reason && <p className="hint">{entry.status === 'sameName' ? `${entry.reason} Tick it to add it as a second account.` : entry.reason}</p>}
        </li>
      ))}
    </ul>
  );
}

function StatusBadge({ entry }: { entry: ImportEntryView }) {
  if (entry.status === 'duplicate') return <span className="badge">Already here</span>;
  if (entry.status === 'notImportable') return <span className="badge warn">Not importable</span>;
  if (entry.status === 'sameName') return <span className="badge warn">Same name, other key</span>;
  return null;
}
