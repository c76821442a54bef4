import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { call } from '../../app-shell/api.js';
import { captureErrorMessage, captureUnavailableMessage } from './media-errors.js';
import { isSetupLink, notASetupCodeMessage } from './setup-text.js';
import { decodeFrame, everyFewFrames, stopStream } from './video-frames.js';

type CameraState = { phase: 'starting' } | { phase: 'live'; hint: string | null } | { phase: 'stopped'; message: string };

/** A camera frame at this size is plenty for a QR code held up to it, and keeps each decode cheap. */
const FRAME_SIDE = 960;
const INTERVAL_MS = 200;

/**
 * The scanner's live camera view. Main allows the camera only while it is running (setScannerSource('camera'), then
 * null); the stream stops as soon as a setup code is seen, on Stop, when the window is hidden or the view closes.
 */
export function CameraScanner({ onFound, onClose }: { onFound(text: string): void; onClose(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<CameraState>({ phase: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const found = useEffectEvent((text: string) => onFound(text));

  useEffect(() => stopButton.current?.focus(), []);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let stream: MediaStream | null = null;
    let stopLooking: () => void = () => undefined;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      stopLooking();
      stopStream(stream);
      element.srcObject = null;
      void call('setScannerSource', { source: null }).catch(() => undefined);
    };
    const stopWith = (message: string) => {
      if (released) return;
      release();
      setState({ phase: 'stopped', message });
    };

    const start = async () => {
      if (typeof navigator.mediaDevices?.getUserMedia !== 'function') return stopWith(captureUnavailableMessage('camera'));
      try {
        await call('setScannerSource', { source: 'camera' });
        if (released) return;
        const opened = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
        if (released) return stopStream(opened);
        stream = opened;
        element.srcObject = opened;
        await element.play();
        const { decodeQrFromImageData } = await import('./decode-qr.js');
        if (released) return;
        setState({ phase: 'live', hint: null });
        const canvas = document.createElement('canvas');
        let other = '';
        stopLooking = everyFewFrames(INTERVAL_MS, () => {
          if (opened.getVideoTracks().every((track) => track.readyState === 'ended')) {
            stopWith('The camera stopped (it was unplugged or turned off). Start it again to scan.');
            return true;
          }
          const text = decodeFrame(element, canvas, decodeQrFromImageData, FRAME_SIDE);
          if (text === null) return false;
          if (!isSetupLink(text)) {
            // Keep looking: the right code may come into view next; say once what this one is not.
            if (text !== other) setState({ phase: 'live', hint: notASetupCodeMessage('camera') });
            other = text;
            return false;
          }
          release();
          found(text);
          return true;
        });
      } catch (error) {
        stopWith(captureErrorMessage('camera', error));
      }
    };
    void start();

    // A hidden window (minimised, closed to the tray) must not keep filming.
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') stopWith('The camera was turned off because the window was hidden. Start it again to scan.');
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      release();
    };
  }, [attempt]);

  const stopped = state.phase === 'stopped';
  return (
    <div className="camera">
      <div className={`camera-frame${state.phase === 'live' ? ' live' : ''}`} hidden={stopped}>
        <video ref={video} muted playsInline aria-label="Camera preview" />
        <span className="camera-guide" aria-hidden="true" />
      </div>
      {stopped ? null : (
        <p className="camera-status" role="status">
          {state.phase === 'starting' ? 'Starting the camera…' : 'Hold the QR code up to the camera, inside the frame.'}
        </p>
      )}
      <p className="camera-hint" role="status">
        {state.phase === 'live' ? state.hint : null}
      </p>
      {stopped ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <div className="row">
        {stopped ? (
          <button
            type="button"
            onClick={() => {
              setState({ phase: 'starting' });
              setAttempt((n) => n + 1);
              stopButton.current?.focus(); // this button goes away; Stop stays

            }}
          >
            Try again
          </button>
        ) : null}
        <button type="button" ref={stopButton} className="secondary" onClick={onClose}>
          {stopped ? 'Close camera' : 'Stop camera'}
        </button>
      </div>
    </div>
  );
}
