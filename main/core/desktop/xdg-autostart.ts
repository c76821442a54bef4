import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../vault/atomic-file.js';

/**
 * Start at login on Linux, where Electron has no login items: an entry in the XDG autostart folder
 * ($XDG_CONFIG_HOME/autostart, ~/.config/autostart by default), which GNOME, KDE, Xfce and others start at login
 * (freedesktop.org's Desktop Application Autostart Specification).
 */
export const AUTOSTART_FILE = 'authenticator.desktop';

export function autostartDir(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'autostart');
}

/**
 * The entry's text. Exec follows the Desktop Entry Specification's quoting: the program in double quotes, with `"`,
 * `` ` ``, `$` and `\` escaped by a backslash, and `%` doubled (a lone % would be a field code).
 */
export function autostartEntry(executable: string): string {
  const quoted = `"${executable.replace(/["`$\\]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
  return ['[Desktop Entry]', 'Type=Application', 'Name=Authenticator', 'Comment=Two-factor codes', `Exec=${quoted}`, 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

/** The login items over the autostart folder: on while our entry is there. */
export function xdgAutostart(dir: string, executable: string): { get(): boolean; set(on: boolean): Promise<void> } {
  const file = path.join(dir, AUTOSTART_FILE);
  return {
    get: () => existsSync(file),
    async set(on) {
      if (!on) return fs.rm(file, { force: true });
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, Buffer.from(autostartEntry(executable)));
    },
  };
}
