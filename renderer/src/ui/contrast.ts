/**
 * WCAG 2 contrast, from its definition (relative luminance of sRGB colours): used to keep brand colours, which
 * their owners chose for white pages, visible on our surfaces in both themes.
 */

type Rgb = readonly [number, number, number];

export function parseHex(hex: string): Rgb {
  const digits = hex.replace(/^#/, '');
  if (!/^[0-9a-f]{6}$/i.test(digits)) throw new Error(`Not a six-digit hex colour: ${hex}`);
  return [0, 2, 4].map((at) => parseInt(digits.slice(at, at + 2), 16)) as unknown as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The colour itself when it stands out from `background` by `minimum`, else the least mix of it with white (on a dark
 * background) or black (on a light one) that does: the hue is kept, only its lightness moves.
 */
export function withContrast(colour: string, background: string, minimum: number): string {
  if (contrastRatio(colour, background) >= minimum) return toHex(parseHex(colour));
  const towards: Rgb = relativeLuminance(background) < 0.5 ? [255, 255, 255] : [0, 0, 0];
  const from = parseHex(colour);
  for (let step = 1; step <= 20; step++) {
    const t = step / 20;
    const mixed = toHex(from.map((c, i) => c + (towards[i]! - c) * t) as unknown as Rgb);
    if (contrastRatio(mixed, background) >= minimum) return mixed;
  }
  return toHex(towards);
}
