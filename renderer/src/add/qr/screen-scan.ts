import { call } from '../../app-shell/api.js';
import { captureErrorMessage, captureUnavailableMessage } from './media-errors.js';
import { decodeFrame, everyFewFrames, stopStream } from './video-frames.js';

export type ScreenScanOutcome = { kind: 'found'; text: string } | { kind: 'noQr' } | { kind: 'failed'; message: string };

/** The first frames of a capture can be black while it starts; a few seconds of frames is plenty for a still screen. */
const LOOK_FOR_MS = 3000;
const INTERVAL_MS = 250;

/**
 * "Scan screen": one capture of the screen (main grants it for this call only; a browser asks the person), read
 * until a QR code is found or a few seconds pass, then stopped at once. Nothing is kept or sent but the decoded text.
 */
export async function scanScreen(): Promise<ScreenScanOutcome> {
  if (typeof navigator.mediaDevices?.getDisplayMedia !== 'function') return { kind: 'failed', message: captureUnavailableMessage('screen') };
  let stream: MediaStream;
  try {
    await call('setScannerSource', { source: 'screen' });
    stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  } catch (error) {
    return { kind: 'failed', message: captureErrorMessage('screen', error) };
  } finally {
    void call('setScannerSource', { source: null }).catch(() => undefined);
  }
  const video = document.createElement('video');
  try {
    // Loaded on first use, like the picture path.
    const { decodeQrFromImageData } = await import('./decode-qr.js');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    const canvas = document.createElement('canvas');
    const text = await new Promise<string | null>((resolve) => {
      const deadline = Date.now() + LOOK_FOR_MS;
      everyFewFrames(INTERVAL_MS, () => {
        // The person may stop sharing from the browser's or system's own controls.
        const ended = stream.getVideoTracks().every((track) => track.readyState === 'ended');
        const found = decodeFrame(video, canvas, decodeQrFromImageData);
        if (found === null && !ended && Date.now() < deadline) return false;
        resolve(found);
        return true;
      });
    });
    return text === null ? { kind: 'noQr' } : { kind: 'found', text };
  } catch (error) {
    return { kind: 'failed', message: captureErrorMessage('screen', error) };
  } finally {
    stopStream(stream);
    video.srcObject = null;
  }
}
