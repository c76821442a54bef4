// What to tell the person when the camera or a screen capture cannot start. getUserMedia and getDisplayMedia fail
// with DOMExceptions whose names are standard (Media Capture and Streams; Screen Capture); the messages are not.

export type CaptureKind = 'camera' | 'screen';

const OTHER_WAYS = 'You can also add the account from a picture of the QR code, its setup link or its setup key.';

/** A message for a failed getUserMedia (camera) or getDisplayMedia (screen). */
export function captureErrorMessage(kind: CaptureKind, error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (kind === 'camera') {
    switch (name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return `Camera access was not allowed. Allow Authenticator to use the camera (in your system's privacy settings) and try again. ${OTHER_WAYS}`;
      case 'NotFoundError':
      case 'OverconstrainedError':
        return `No camera was found. Connect a camera and try again. ${OTHER_WAYS}`;
      case 'NotReadableError':
      case 'AbortError':
        return 'The camera is busy: another app (a video call, perhaps) is using it. Close that app or stop its video, then try again.';
      default:
        return `The camera could not be started. ${OTHER_WAYS}`;
    }
  }
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Screen capture was cancelled or not allowed. Try again, and choose the screen that shows the QR code.';
    case 'NotFoundError':
      return 'No screen could be captured. Take a screenshot of the QR code and add it as a picture instead.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The screen could not be captured (your system may be blocking screen recording). Take a screenshot of the QR code and add it as a picture instead.';
    default:
      return 'The screen could not be captured. Take a screenshot of the QR code and add it as a picture instead.';
  }
}

/** When the page cannot capture at all (no mediaDevices: an insecure context or a stripped-down browser). */
export function captureUnavailableMessage(kind: CaptureKind): string {
  return kind === 'camera' ? `This window cannot use a camera. ${OTHER_WAYS}` : 'This window cannot capture the screen. Take a screenshot of the QR code and add it as a picture instead.';
}
