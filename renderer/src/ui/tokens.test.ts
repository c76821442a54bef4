import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { contrastRatio, withContrast } from './contrast.js';
import { INK, PLATE } from '../tiles/logo-colour.js';
import { INITIAL_COLOURS } from '../tiles/ProviderIcon.js';

const tokensCss = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');

/** Every colour role of tokens.css, as [light, dark]. */
function roles(): Map<string, [string, string]> {
  const found = new Map<string, [string, string]>();
  for (const [, name, light, dark] of tokensCss.matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi)) found.set(name!, [light!, dark!]);
  return found;
}
const colours = roles();
const role = (name: string): [string, string] => {
  const pair = colours.get(name);
  if (!pair) throw new Error(`tokens.css has no colour role --${name}`);
  return pair;
};

// WCAG 2.1 AA: text 4.5:1 (1.4.3); the edges of controls, focus rings and graphics 3:1 (1.4.11).
const TEXT = 4.5;
const GRAPHIC = 3;
const pairs: [foreground: string, background: string, minimum: number][] = [
  ...['bg', 'surface', 'surface-2', 'surface-raised'].flatMap((bg) => [
    ['text', bg, TEXT] as [string, string, number],
    ['muted', bg, TEXT] as [string, string, number],
    ['accent', bg, TEXT] as [string, string, number],
    ['focus', bg, GRAPHIC] as [string, string, number],
    ['border-strong', bg, GRAPHIC] as [string, string, number],
  ]),
  ['accent', 'accent-soft', TEXT],
  ['text', 'accent-soft', TEXT],
  ['accent-text', 'accent', TEXT],
  ['accent-text', 'accent-hover', TEXT],
  ...['info', 'success', 'warning', 'danger'].flatMap((level) => [
    [level, `${level}-bg`, TEXT] as [string, string, number],
    [level, 'surface', TEXT] as [string, string, number],
    ['text', `${level}-bg`, TEXT] as [string, string, number],
    ['muted', `${level}-bg`, TEXT] as [string, string, number],
  ]),
  ['danger-text', 'danger', TEXT],
  ['inverse-text', 'inverse-bg', TEXT],
  ['inverse-accent', 'inverse-bg', TEXT],
  ['inverse-success', 'inverse-bg', GRAPHIC],
  ['inverse-danger', 'inverse-bg', GRAPHIC],
];

describe('design tokens', () => {
  it.each(pairs)('--%s on --%s stands out by %d:1 in the light and the dark theme', (foreground, background, minimum) => {
    const [fgLight, fgDark] = role(foreground);
    const [bgLight, bgDark] = role(background);
    expect(contrastRatio(fgLight, bgLight)).toBeGreaterThanOrEqual(minimum);
    expect(contrastRatio(fgDark, bgDark)).toBeGreaterThanOrEqual(minimum);
  });

  it('the four severities look different from each other in each theme', () => {
    for (const theme of [0, 1] as const) {
      const levels = ['info', 'success', 'warning', 'danger'].map((level) => role(level)[theme]);
      expect(new Set(levels).size).toBe(4);
    }
  });

  it('the logo plate is --surface-2, and the ink of black and white logos --text', () => {
    expect(role('surface-2')).toEqual([PLATE.light, PLATE.dark]);
    expect(role('text')).toEqual([INK.light, INK.dark]);
  });

  it('white initials stand out by 4.5:1 on every initial colour', () => {
    for (const colour of INITIAL_COLOURS) expect(contrastRatio('#ffffff', colour), colour).toBeGreaterThanOrEqual(TEXT);
  });
});

describe('contrast', () => {
  it('agrees with the WCAG definition at its ends and a known middle value', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 on white is the classic 4.54:1 grey.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('keeps a brand colour that already stands out, and lightens or darkens one that does not, until it does', () => {
    expect(withContrast('#0061FF', PLATE.light, GRAPHIC)).toBe('#0061ff'); // Dropbox on light
    const github = withContrast('#181717', PLATE.dark, GRAPHIC); // near-black on the dark plate
    expect(contrastRatio(github, PLATE.dark)).toBeGreaterThanOrEqual(GRAPHIC);
    expect(contrastRatio(github, '#000000')).toBeGreaterThan(contrastRatio('#181717', '#000000')); // lightened
    const snapchat = withContrast('#FFFC00', PLATE.light, GRAPHIC); // yellow on the light plate
    expect(contrastRatio(snapchat, PLATE.light)).toBeGreaterThanOrEqual(GRAPHIC);
    expect(contrastRatio(snapchat, '#ffffff')).toBeGreaterThan(contrastRatio('#FFFC00', '#ffffff')); // darkened
  });
});
