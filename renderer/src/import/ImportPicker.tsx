import { FilePicker } from '../ui/FilePicker.js';

/** Pick or drop one export file (or several Google Authenticator QR pictures). */
export function ImportPicker({ busy, onFiles }: { busy: boolean; onFiles(files: File[]): void }) {
  return (
    <FilePicker
      prompt="Drop an export file here: Aegis, 2FAS, Bitwarden, a list of otpauth:// links, or Google Authenticator export QR pictures (several at once)."
      buttonLabel={busy ? 'Reading…' : 'Choose a file…'}
      inputLabel="Export file to import"
      multiple
      disabled={busy}
      onFiles={onFiles}
    />
  );
}
