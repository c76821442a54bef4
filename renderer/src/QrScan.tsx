import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { AccountView } from '../../shared/account.js';
import { AppError } from '../../shared/errors.js';
import { call } from './api.js';

/**
 * Adds from a picture of a QR code: chosen with the file picker, dropped on the zone, or pasted from the
 * clipboard (Ctrl/Cmd+V). The picture is decoded here; only the decoded link goes to main.
 */
export function QrScan({ onAdded }: { onAdded(added: AccountView[]): void }) {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const scan = async (image: Blob | undefined) => {
    setError(null);
    if (!image) return;
    if (!image.type.startsWith('image/')) {
      setError('That is not a picture. Choose a PNG, JPEG, GIF, WebP or BMP image of the QR code.');
      return;
    }
    setStatus('Reading the QR code…');
    try {
      // Loaded on first use: the decoder is the largest part of the bundle and most starts never need it.
      const { decodeQrFromBlob } = await import('./qr/decode-qr.js');
      const text = await decodeQrFromBlob(image);
      if (text === null) {
        setError('No QR code was found in that picture. Try a sharper or larger picture, with the whole code in view.');
        return;
      }
      if (!/^otpauth(-migration)?:\/\//i.test(text)) {
        setError('That QR code is not an authenticator setup code (it does not hold an otpauth:// link).');
        return;
      }
      onAdded(await call('addAccountsFromUri', { uri: text }));
    } catch (caught) {
      setError(caught instanceof AppError ? caught.message : 'The picture could not be read.');
    } finally {
      setStatus(null);
    }
  };

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const item = [...(event.clipboardData?.items ?? [])].find((i) => i.type.startsWith('image/'));
      if (item) {
        event.preventDefault();
        void scan(item.getAsFile() ?? undefined);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  });

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void scan(event.dataTransfer.files[0]);
  };

  return (
    <div className="qr-scan">
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop a picture of the QR code here, paste one (Ctrl+V), or</p>
        <button type="button" onClick={() => input.current?.click()}>
          Choose picture…
        </button>
        <input
          ref={input}
          type="file"
          accept="image/*"
          className="visually-hidden"
          aria-label="QR code picture"
          onChange={(e) => {
            void scan(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      <p className="form-status" role="status">
        {status}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
