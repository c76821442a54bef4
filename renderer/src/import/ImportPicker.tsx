import { useRef, useState } from 'react';

/** Pick or drop one export file (or several Google Authenticator QR pictures). */
export function ImportPicker({ busy, onFiles }: { busy: boolean; onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`drop-zone${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        if (!busy && e.dataTransfer.files.length > 0) onFiles([...e.dataTransfer.files]);
      }}
    >
      <p>Drop an export file here: Aegis, 2FAS, Bitwarden, a list of otpauth:// links, or Google Authenticator export QR pictures (several at once).</p>
      <button type="button" disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Reading…' : 'Choose a file…'}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Export file to import"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
