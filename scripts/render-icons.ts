/**
 * Renders the app icon and the tray icons from the SVG masters in assets/ into build/icons/ (or the folder given),
 * at every size electron-builder and the tray want: icon.png (1024), icon.icns (macOS), icon.ico (Windows), linux/NxN.png;
 * tray/: macOS template images (black and alpha, 1x and 2x) and light and dark images for Windows and Linux, each plain,
 * with the red dot of "backup out of date" and with the padlock of "locked". Made at build time (npm run icons, part
 * of npm run dist); nothing it makes is committed. resvg renders the SVGs (the same renderer for every platform);
 * png2icons writes .icns and .ico (pure JavaScript).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const root = path.resolve(import.meta.dirname, '..');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
/** Tray sizes: 16 logical pixels, and 32 for 2x screens. */
export const TRAY_SIZES = { '': 16, '@2x': 32 } as const;
export const TRAY_STATES = ['', '-dot', '-locked'] as const;
export const TRAY_THEMES = { Template: '#000000', Light: '#1b1f26', Dark: '#ffffff' } as const;

function renderPng(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());
}

/** The tray glyph in one colour, with the state's mark: a red dot (black in a template: a template is one colour) or a padlock. */
function traySvg(master: string, colour: string, state: (typeof TRAY_STATES)[number], template: boolean): string {
  const glyph = master.replace(/currentColor/g, colour);
  const dotColour = template ? '#000000' : '#e5362b';
  const mark =
    state === '-dot'
      ? `<circle cx="26" cy="6" r="6" fill="${dotColour}"/>`
      : state === '-locked'
        ? `<g fill="${colour}"><rect x="19" y="19" width="12" height="10" rx="2"/><path d="M21.5 19v-2.5a3.5 3.5 0 0 1 7 0V19h-2v-2.5a1.5 1.5 0 0 0-3 0V19z"/></g>`
        : '';
  return glyph.replace('</svg>', `${mark}</svg>`);
}

export function renderIcons(outDir: string): string[] {
  const written: string[] = [];
  const write = (file: string, bytes: Buffer) => {
    const target = path.join(outDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    written.push(file);
  };
  const icon = readFileSync(path.join(root, 'assets/icon.svg'), 'utf8');
  const large = renderPng(icon, 1024);
  write('icon.png', large);
  const icns = png2icons.createICNS(large, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(large, png2icons.BICUBIC, 0, true, true);
  if (!icns || !ico) throw new Error('png2icons could not write the .icns or .ico');
  write('icon.icns', icns);
  write('icon.ico', ico);
  for (const size of LINUX_SIZES) write(`linux/${size}x${size}.png`, renderPng(icon, size));

  const tray = readFileSync(path.join(root, 'assets/tray.svg'), 'utf8');
  for (const [theme, colour] of Object.entries(TRAY_THEMES)) {
    for (const state of TRAY_STATES) {
      for (const [scale, size] of Object.entries(TRAY_SIZES)) {
        write(`tray/tray${state}${theme}${scale}.png`, renderPng(traySvg(tray, colour, state, theme === 'Template'), size));
      }
    }
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const out = path.resolve(process.argv[2] ?? path.join(root, 'build/icons'));
  console.log(`${renderIcons(out).length} icons written to ${path.relative(root, out) || '.'}`);
}
