/**
 * The tray icon, drawn in code: a clock face (time-based codes) as a raw BGRA bitmap, so no binary asset has to be
 * produced ad hoc and every size is crisp. The Electron adapter turns it into a nativeImage (a template image on
 * macOS, light or dark elsewhere). Replace with designed PNGs in assets/ when there are some.
 */
export interface RgbColor {
  r: number;
  g: number;
  b: number;
}

const SUBSAMPLES = 4;

/** A `size`×`size` BGRA bitmap (premultiplied alpha, as nativeImage.createFromBitmap expects) in `color`. */
export function trayIconBitmap(size: number, color: RgbColor): Buffer {
  const buffer = Buffer.alloc(size * size * 4);
  const c = size / 2;
  const outer = size * 0.47;
  const inner = outer - Math.max(1.5, size * 0.11);
  const hand = Math.max(1, size * 0.09) / 2;
  const covered = (x: number, y: number): boolean => {
    const dx = x - c;
    const dy = y - c;
    const distance = Math.hypot(dx, dy);
    if (distance <= outer && distance >= inner) return true; // the ring
    // Two hands: to twelve o'clock and to three o'clock, from the centre.
    if (Math.abs(dx) <= hand && dy <= hand && dy >= -(inner * 0.78)) return true;
    if (Math.abs(dy) <= hand && dx >= -hand && dx <= inner * 0.6) return true;
    return false;
  };
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          if (covered(px + (sx + 0.5) / SUBSAMPLES, py + (sy + 0.5) / SUBSAMPLES)) hits++;
        }
      }
      const alpha = hits / (SUBSAMPLES * SUBSAMPLES);
      const at = (py * size + px) * 4;
      buffer[at] = Math.round(color.b * alpha);
      buffer[at + 1] = Math.round(color.g * alpha);
      buffer[at + 2] = Math.round(color.r * alpha);
      buffer[at + 3] = Math.round(255 * alpha);
    }
  }
  return buffer;
}
