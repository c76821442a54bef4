import { useRef, useState, type ReactNode } from 'react';

interface Props {
  /** What the zone says: what to drop or choose. */
  prompt: ReactNode;
  buttonLabel: string;
  /** The file input's name (it is hidden: the button opens it, and tests hand it their files). */
  inputLabel: string;
  /** The input's `accept` (a dropped file is not filtered: the caller checks what it gets). */
  accept?: string;
  multiple?: boolean;
  /** Busy: neither the button nor a drop takes a file. */
  disabled?: boolean;
  onFiles(files: File[]): void;
}

/** A zone to drop files on, with a button that opens the system's file picker: files come out of either the same way. */
export function FilePicker({ prompt, buttonLabel, inputLabel, accept, multiple = false, disabled = false, onFiles }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const take = (files: File[]) => {
    if (!disabled && files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  };
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
        take([...e.dataTransfer.files]);
      }}
    >
      <p>{prompt}</p>
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
        {buttonLabel}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        aria-label={inputLabel}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = ''; // the same file chosen again is a change again
          take(files);
        }}
      />
    </div>
  );
}
