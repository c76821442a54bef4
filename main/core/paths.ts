import os from 'node:os';
import path from 'node:path';

/** The folder name under the platform's per-user configuration folder. */
export const APP_DIR_NAME = 'Authenticator';

export interface DataDirEnvironment {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * Where the vault and the app's other files live. Plain Node (no electron import), because the desktop app and
 * the command-line tool must agree on it to open the same vault. Parameters exist for tests only.
 */
export function defaultDataDir({ env = process.env, platform = process.platform, home = os.homedir() }: DataDirEnvironment = {}): string {
  if (platform === 'win32') {
    // Build Windows paths with win32 rules even when tests run elsewhere.
    const appData = env.APPDATA && path.win32.isAbsolute(env.APPDATA) ? env.APPDATA : path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  // XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const config = env.XDG_CONFIG_HOME && path.posix.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.posix.join(home, '.config');
  return path.posix.join(config, APP_DIR_NAME);
}
