import { useEffect, useRef, useState } from 'react';
import { CameraScanner } from './CameraScanner.js';
import { scanScreen } from './screen-scan.js';
import { isSetupLink, notASetupCodeMessage, type ScanSource } from './setup-text.js';
import './qr.css';
import { FilePicker } from '../../ui/FilePicker.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';

interface Props {
  /** Hands a decoded setup link to main (add, or re-enrol an account); an AppError it throws is shown. */
  onLink(text: string, source: ScanSource): Promise<void>;
  /** Opens the camera at once (scanning the next QR code of an export with the camera again). */
  startWithCamera?: boolean;
}

/**
 * Adds from a QR code: a picture (file picker, dropped on the zone, or pasted with Ctrl/Cmd+V), a capture of the
 * screen, or the camera. Everything is decoded here; only the decoded link goes to main, which validates it.
 */
export function QrScan({ onLink, startWithCamera = false }: Props) {
  const [camera, setCamera] = useState(startWithCamera);
  const [status, setStatus] = useState<string | null>(null);
  const { error, setError, run } = useAction('The setup code could not be used.');
  const [busy, setBusy] = useState(false);
  const cameraButton = useRef<HTMLButtonElement>(null);

  const add = async (text: string, source: ScanSource) => {
    setError(null);
    if (!isSetupLink(text)) {
      setError(notASetupCodeMessage(source));
      return;
    }
    setStatus('Saving…');
    await run(() => onLink(text, source));
    setStatus(null);
  };

  const scanPicture = async (image: Blob | undefined) => {
    setError(null);
    if (!image) return;
    if (!image.type.startsWith('image/')) {
      setError('That is not a picture. Choose a PNG, JPEG, GIF, WebP or BMP image of the QR code.');
      return;
    }
    setBusy(true);
    setStatus('Reading the QR code…');
    try {
      // Loaded on first use: the decoder is the largest part of the bundle and most starts never need it.
      const { decodeQrFromBlob } = await import('./decode-qr.js');
      const text = await decodeQrFromBlob(image);
      if (text === null) setError('No QR code was found in that picture. Try a sharper or larger picture, with the whole code in view.');
      else await add(text, 'picture');
    } catch {
      setError('The picture could not be read.');
    } finally {
      setBusy(false);
      setStatus(null);
    }
  };

  const scanTheScreen = async () => {
    setError(null);
    setBusy(true);
    setStatus('Looking for a QR code on your screen…');
    try {
      const outcome = await scanScreen();
      if (outcome.kind === 'failed') setError(outcome.message);
      else if (outcome.kind === 'noQr') setError('No QR code was found on your screen. Make the QR code visible (not covered by this window, and not too small), then try again.');
      else await add(outcome.text, 'screen');
    } finally {
      setBusy(false);
      setStatus(null);
    }
  };

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const item = [...(event.clipboardData?.items ?? [])].find((i) => i.type.startsWith('image/'));
      if (item && !camera) {
        event.preventDefault();
        void scanPicture(item.getAsFile() ?? undefined);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  });

  // Focus goes back to "Use camera" once it is on screen again: after the commit, not at the next frame, which
  // can come first when the camera closes itself from its frame loop.
  const refocusCamera = useRef(false);
  const closeCamera = () => {
    refocusCamera.current = true;
    setCamera(false);
  };
  useEffect(() => {
    if (camera || !refocusCamera.current) return;
    refocusCamera.current = false;
    cameraButton.current?.focus();
  }, [camera]);

  return (
    <div className="qr-scan">
      {camera ? (
        <CameraScanner
          onFound={(text) => {
            closeCamera();
            void add(text, 'camera');
          }}
          onClose={closeCamera}
        />
      ) : (
        <>
          <FilePicker
            prompt="Drop a picture of the QR code here, paste one (Ctrl+V), or"
            buttonLabel="Choose picture…"
            inputLabel="QR code picture"
            accept="image/*"
            disabled={busy}
            onFiles={([picture]) => void scanPicture(picture)}
          />
          <div className="live-sources" role="group" aria-labelledby="live-sources-title">
            <p id="live-sources-title" className="live-sources-title">
              Or scan it where it is shown
            </p>
            <div className="row">
              <button type="button" className="secondary" disabled={busy} aria-describedby="scan-screen-hint" onClick={() => void scanTheScreen()}>
                Scan screen
              </button>
              <button
                type="button"
                className="secondary"
                ref={cameraButton}
                disabled={busy}
                onClick={() => {
                  setError(null);
                  setCamera(true);
                }}
              >
                Use camera
              </button>
            </div>
            <p id="scan-screen-hint" className="hint">
              Scan screen reads a QR code shown elsewhere on your screen, such as a setup page open in your browser.
            </p>
          </div>
        </>
      )}
      <p className="form-status" role="status">
        {status}
      </p>
      <FormError message={error} />
    </div>
  );
}
