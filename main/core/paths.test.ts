import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './paths.js';

describe('defaultDataDir', () => {
  it('follows XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(defaultDataDir({ platform: 'linux', home: '/home/ann', env: { XDG_CONFIG_HOME: '/cfg' } })).toBe('/cfg/Authenticator');
    expect(defaultDataDir({ platform: 'linux', home: '/home/ann', env: {} })).toBe('/home/ann/.config/Authenticator');
    // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    expect(defaultDataDir({ platform: 'linux', home: '/home/ann', env: { XDG_CONFIG_HOME: 'cfg' } })).toBe('/home/ann/.config/Authenticator');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({ platform: 'darwin', home: '/Users/ann', env: { XDG_CONFIG_HOME: '/cfg' } })).toBe('/Users/ann/Library/Application Support/Authenticator');
  });

  it('uses %APPDATA% on Windows', () => {
    expect(defaultDataDir({ platform: 'win32', home: 'C:\\Users\\ann', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' } })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Authenticator');
    expect(defaultDataDir({ platform: 'win32', home: 'C:\\Users\\ann', env: {} })).toBe('C:\\Users\\ann\\AppData\\Roaming\\Authenticator');
  });
});
