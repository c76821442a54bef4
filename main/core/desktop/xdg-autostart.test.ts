import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartDir, autostartEntry, xdgAutostart } from './xdg-autostart.js';

/** A reader written from the Desktop Entry Specification: the Exec value, unquoted and unescaped, and its keys. */
function readEntry(text: string): Record<string, string> {
  const lines = text.split('\n');
  expect(lines[0]).toBe('[Desktop Entry]');
  return Object.fromEntries(lines.slice(1).filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}
function execProgram(exec: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"$/.exec(exec);
  if (!match) throw new Error(`not one quoted program: ${exec}`);
  return match[1]!.replace(/\\(.)/g, '$1').replace(/%%/g, '%');
}

describe('start at login on Linux (XDG autostart)', () => {
  it('the folder: $XDG_CONFIG_HOME/autostart, else ~/.config/autostart (a relative XDG_CONFIG_HOME is ignored, as the spec says)', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/a')).toBe('/cfg/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'cfg' }, '/home/a')).toBe('/home/a/.config/autostart');
    expect(autostartDir({}, '/home/a')).toBe('/home/a/.config/autostart');
  });

  it('an application entry whose Exec, read back by the spec, is exactly the program, whatever its path holds', () => {
    for (const program of ['/opt/Authenticator/authenticator', '/home/a/My Apps/Authenticator 100%.AppImage', '/tmp/$HOME/"q"/`x`\\y']) {
      const entry = readEntry(autostartEntry(program));
      expect(entry).toMatchObject({ Type: 'Application', Name: 'Authenticator' });
      expect(execProgram(entry.Exec!)).toBe(program);
    }
  });

  it('on writes the entry (private), off removes it; each is read back from the disk', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'autostart-')), 'autostart');
    const login = xdgAutostart(dir, '/opt/Authenticator/authenticator');
    expect(login.get()).toBe(false);
    await login.set(true);
    expect(login.get()).toBe(true);
    const file = path.join(dir, 'authenticator.desktop');
    expect(execProgram(readEntry(readFileSync(file, 'utf8')).Exec!)).toBe('/opt/Authenticator/authenticator');
    expect(statSync(file).mode & 0o077).toBe(0);
    await login.set(false);
    expect(login.get()).toBe(false);
    await login.set(false); // already off: no error
  });
});
