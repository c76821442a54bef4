import { readFileSync } from 'node:fs';
import * as simpleIcons from 'simple-icons';
import { describe, expect, it } from 'vitest';
import { logoColours } from './logo-colour.js';

// The plate behind a logo (--surface-2) and the theme's text colour, read from the design tokens the screens use.
const tokensCss = readFileSync(new URL('../ui/tokens.css', import.meta.url), 'utf8');
function token(name: string): { light: string; dark: string } {
  const found = new RegExp(`--${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(tokensCss);
  if (!found) throw new Error(`tokens.css has no --${name}`);
  return { light: found[1]!, dark: found[2]! };
}
const plate = token('surface-2');

// WCAG 2.x, written from its definitions of relative luminance and contrast ratio (not the app's ui/contrast.ts).
function channels(hex: string): number[] {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
}
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const srgb = value / 255;
    return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (lighter! + 0.05) / (darker! + 0.05);
}
/** HSL hue in degrees, of a colour with a hue. */
function hue(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const spread = max - Math.min(r, g, b);
  const sector = max === r ? (g - b) / spread : max === g ? (b - r) / spread + 2 : (r - g) / spread + 4;
  return (sector * 60 + 360) % 360;
}
const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

const icons = Object.values(simpleIcons).filter((value): value is simpleIcons.SimpleIcon => typeof value === 'object' && 'hex' in value);
const brand = (slug: string) => `#${icons.find((icon) => icon.slug === slug)!.hex}`;

describe('logo colours', () => {
  it('cover the whole simple-icons set', () => {
    expect(icons.length).toBeGreaterThan(3000);
  });

  it.each(['light', 'dark'] as const)('every simple-icons logo stands out from the %s plate by 3:1 (WCAG 1.4.11)', (theme) => {
    const faint = icons
      .map((icon) => ({ slug: icon.slug, colour: logoColours(`#${icon.hex}`)[theme] }))
      .filter(({ colour }) => !(contrast(colour, plate[theme]) >= 3));
    expect(faint).toEqual([]);
  });

  it('draws a black logo white-ish on the dark plate, as the brand does on dark pages, not a mid-grey', () => {
    for (const slug of ['github', 'x', 'apple', 'notion']) {
      const { light, dark } = logoColours(brand(slug));
      expect(luminance(dark), slug).toBeGreaterThan(0.7);
      expect(light, slug).toBe(brand(slug).toLowerCase()); // on the light plate it is its own black
    }
  });

  it('draws a white logo dark on the light plate', () => {
    const white = icons.filter((icon) => luminance(`#${icon.hex}`) > 0.85 && Math.max(...channels(`#${icon.hex}`)) - Math.min(...channels(`#${icon.hex}`)) < 10);
    expect(white.length).toBeGreaterThan(0);
    for (const icon of white) expect(luminance(logoColours(`#${icon.hex}`).light), icon.slug).toBeLessThan(0.05);
  });

  it('keeps a colour that stands out as it is, and the hue of a colourful one it has to lighten or darken', () => {
    expect(logoColours(brand('dropbox')).light).toBe(brand('dropbox').toLowerCase());
    for (const icon of icons) {
      const original = `#${icon.hex}`;
      const [r, g, b] = channels(original);
      if (Math.max(r!, g!, b!) - Math.min(r!, g!, b!) < 64) continue; // a hue worth keeping
      for (const theme of ['light', 'dark'] as const) {
        const adjusted = logoColours(original)[theme];
        expect(hueDistance(hue(adjusted), hue(original)), `${icon.slug} (${theme}): ${original} -> ${adjusted}`).toBeLessThan(6);
      }
    }
  });
});
