import { useState } from 'react';
import { ModalDialog } from '../ui/ModalDialog.js';
import { ExportForm } from './ExportForm.js';
import { ExportSummary, type Outcome } from './ExportSummary.js';
import { TransferCodes } from './TransferCodes.js';

/**
 * The export, from the choice to the summary. Google's transfer links live only in this dialog's state while their QR
 * codes are shown: going on to the summary, or closing the dialog, drops them.
 */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const [links, setLinks] = useState<string[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <ModalDialog title="Export accounts" onClose={onClose}>
      {outcome === null && (
        <ExportForm
          onDone={(reply) => {
            if (reply.outcome === 'codes') setLinks(reply.links);
            setOutcome({ savedTo: reply.outcome === 'saved' ? reply.path : null, exported: reply.exported, leftOut: reply.leftOut });
          }}
        />
      )}
      {outcome !== null && links !== null && <TransferCodes links={links} onFinished={() => setLinks(null)} />}
      {outcome !== null && links === null && <ExportSummary outcome={outcome} onClose={onClose} />}
    </ModalDialog>
  );
}
