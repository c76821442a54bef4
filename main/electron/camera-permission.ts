/**
 * Whether the renderer may use the camera right now. Off by default; the QR scanner (a later issue) turns it on
 * while its camera view is open and off again when it closes, so a compromised page cannot film at will.
 */
let cameraAllowed = false;

export function setCameraAllowed(allowed: boolean): void {
  cameraAllowed = allowed;
}

export function isCameraAllowed(): boolean {
  return cameraAllowed;
}
