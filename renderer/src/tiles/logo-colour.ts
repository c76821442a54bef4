import { contrastRatio, parseHex, withContrast } from '../ui/contrast.js';

/**
 * The icon plate behind a logo, light and dark: --surface-2 in ui/tokens.css (a test keeps them equal). Logos are
 * graphics: 3:1 against it (WCAG 1.4.11).
 */
export const PLATE = { light: '#eaedf1', dark: '#232831' } as const;
/** The theme's ink, --text in ui/tokens.css (a test keeps them equal): what a black or white logo becomes where it cannot be seen. */
export const INK = { light: '#14171c', dark: '#e9ecf1' } as const;
const GRAPHIC_CONTRAST = 3;
/** Channels this close together make a grey (black, white and the greys between): a brand colour with no hue. */
const NEUTRAL_SPREAD = 24;

/**
 * A brand colour on each theme's plate: the colour itself where it stands out; a black or white logo (GitHub, X,
 * Apple) in the theme's ink, as those brands draw themselves on a dark page, rather than a lightened mid-grey; any
 * other colour lightened or darkened, its hue kept, until it stands out.
 */
export function logoColours(brandHex: string): { light: string; dark: string } {
  return { light: onPlate(brandHex, 'light'), dark: onPlate(brandHex, 'dark') };
}

function onPlate(colour: string, theme: 'light' | 'dark'): string {
  const plate = PLATE[theme];
  if (contrastRatio(colour, plate) >= GRAPHIC_CONTRAST) return colour.toLowerCase();
  const channels = parseHex(colour);
  const neutral = Math.max(...channels) - Math.min(...channels) <= NEUTRAL_SPREAD;
  return neutral ? INK[theme] : withContrast(colour, plate, GRAPHIC_CONTRAST);
}
