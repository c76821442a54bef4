// Reading video frames (camera preview, screen capture) as RGBA pixels for the QR decoder.

/** Large enough for a QR code held up to a camera or shown on a screen; the decoder scales down from here anyway. */
const MAX_FRAME_SIDE = 1920;

/** Copies the video's current frame into RGBA pixels, scaled so its longer side is at most `maxSide`; null before the first frame. */
export function readFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement, maxSide: number): ImageData | null {
  const { videoWidth, videoHeight } = video;
  if (videoWidth === 0 || videoHeight === 0 || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null;
  const scale = Math.min(1, maxSide / Math.max(videoWidth, videoHeight));
  const width = Math.max(1, Math.round(videoWidth * scale));
  const height = Math.max(1, Math.round(videoHeight * scale));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

type Decode = (data: Uint8ClampedArray, width: number, height: number) => string | null;

/** The QR code text in the video's current frame, or null (no frame yet, no code, or a frame that could not be read). */
export function decodeFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement, decode: Decode, maxSide = MAX_FRAME_SIDE): string | null {
  try {
    const frame = readFrame(video, canvas, maxSide);
    return frame ? decode(frame.data, frame.width, frame.height) : null;
  } catch {
    return null;
  }
}

/**
 * Calls `look` every `intervalMs` (after the previous call finished, so slow decodes never pile up) until it returns
 * true or the returned stop function is called. A timer rather than requestVideoFrameCallback: a camera gives 30
 * frames a second and the decoder needs a few, and the same loop serves the off-screen video of a screen capture.
 */
export function everyFewFrames(intervalMs: number, look: () => boolean | Promise<boolean>): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    // One failed look (a frame that could not be read) is not a reason to stop looking.
    const done = await Promise.resolve()
      .then(look)
      .catch(() => false);
    if (!done && !stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Stops every track of a stream: the camera light goes off, the screen capture indicator goes away. */
export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
