import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderIcons } from '../../scripts/render-icons.js';
import { trayIconFile } from './tray-icon-file.js';

// Against the icon script's real output: every state the tray can be in names a file the script made, at 1x and 2x.
const out = mkdtempSync(path.join(tmpdir(), 'tray-icons-'));
beforeAll(() => {
  renderIcons(out);
}, 120_000);

describe('the tray image for each state', () => {
  it('names a rendered file, with its @2x beside it, for every state on every platform and panel', () => {
    for (const icon of ['plain', 'backupOutOfDate', 'locked'] as const) {
      for (const [platform, dark] of [['darwin', false], ['win32', true], ['win32', false], ['linux', true]] as const) {
        const file = trayIconFile(out, icon, platform, dark);
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
      }
    }
  });

  it('a template on macOS; on a dark panel the light glyph; the states differ', () => {
    expect(path.basename(trayIconFile(out, 'locked', 'darwin', true))).toBe('tray-lockedTemplate.png');
    expect(path.basename(trayIconFile(out, 'backupOutOfDate', 'linux', true))).toBe('tray-dotDark.png');
    expect(path.basename(trayIconFile(out, 'plain', 'win32', false))).toBe('trayLight.png');
  });
});
