import { useState } from 'react';
import { ExportDialog } from './ExportDialog.js';

/** Settings > Export: what it is for, and the button that opens the export dialog. */
export function ExportSection() {
  const [open, setOpen] = useState(false);
  return (
    <section className="settings-section export" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <p className="hint">Move your accounts to another app, or keep an offline backup file. Accounts tied to this PC are never exported.</p>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Export accounts…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </section>
  );
}
