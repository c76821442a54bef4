import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { electronBuilderConfig } from './packaging-config.js';
import { LINUX_SIZES, renderIcons } from './render-icons.js';

// Runs the icon script and reads what it wrote with independent readers: pngjs for PNG, and the .icns and .ico
// headers from their published layouts (icns: "icns" and the file's length, big-endian; ico: ICONDIR and its entries).

let out = '';
let written: string[] = [];
beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'icons-'));
  written = renderIcons(out);
}, 60_000);

const png = (file: string) => PNG.sync.read(readFileSync(path.join(out, file)));
const pixels = (image: PNG) => Array.from({ length: image.width * image.height }, (_, i) => image.data.subarray(i * 4, i * 4 + 4));

describe('the icon script', () => {
  it('renders the 1024 px app icon and every Linux size, square', () => {
    const large = png('icon.png');
    expect([large.width, large.height]).toEqual([1024, 1024]);
    for (const size of LINUX_SIZES) {
      const image = png(`linux/${size}x${size}.png`);
      expect([image.width, image.height]).toEqual([size, size]);
    }
  });

  it('writes a macOS .icns: the "icns" magic and its own length', () => {
    const icns = readFileSync(path.join(out, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('writes a Windows .ico with several sizes, 256 px among them', () => {
    const ico = readFileSync(path.join(out, 'icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // icon
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThanOrEqual(4);
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + i * 16) || 256); // 0 means 256
    expect(widths).toContain(256);
    expect(widths).toContain(16);
  });

  it('makes macOS tray templates black with alpha, at 1x and 2x, for each state', () => {
    for (const state of ['', '-dot', '-locked']) {
      for (const [scale, size] of [['', 16], ['@2x', 32]] as const) {
        const image = png(`tray/tray${state}Template${scale}.png`);
        expect([image.width, image.height]).toEqual([size, size]);
        const all = pixels(image);
        expect(all.every(([r, g, b]) => r === 0 && g === 0 && b === 0)).toBe(true);
        expect(all.some(([, , , a]) => a === 255)).toBe(true); // drawn
        expect(all.some(([, , , a]) => a === 0)).toBe(true); // and clear around it
      }
    }
  });

  it('makes light and dark tray icons for Windows and Linux; the out-of-date variant has a red dot, the plain one none', () => {
    const red = (image: PNG) => pixels(image).some(([r, g, b, a]) => a! > 200 && r! > 200 && g! < 90 && b! < 90);
    for (const theme of ['Light', 'Dark']) {
      expect(red(png(`tray/tray-dot${theme}@2x.png`))).toBe(true);
      expect(red(png(`tray/tray${theme}@2x.png`))).toBe(false);
      expect(red(png(`tray/tray-locked${theme}@2x.png`))).toBe(false);
    }
    // Dark panels get a light glyph, light panels a dark one.
    const meanOpaque = (image: PNG) => {
      const opaque = pixels(image).filter(([, , , a]) => a === 255);
      return opaque.reduce((sum, [r]) => sum + r!, 0) / opaque.length;
    };
    expect(meanOpaque(png('tray/trayDark@2x.png'))).toBeGreaterThan(200);
    expect(meanOpaque(png('tray/trayLight@2x.png'))).toBeLessThan(60);
  });

  it('writes every icon electron-builder.yml names (the script writes build/icons/ for npm run dist)', async () => {
    const config = await electronBuilderConfig(path.resolve(import.meta.dirname, '..'));
    const named = [config.linux?.icon, config.mac?.icon, config.win?.icon];
    for (const icon of named) {
      expect(icon).toMatch(/^build\/icons\//);
      const inside = icon!.slice('build/icons/'.length);
      // a file the script wrote, or (Linux) the folder of its NxN.png sizes
      expect(written.some((file) => file === inside || file.startsWith(`${inside}/`))).toBe(true);
    }
  });
});
