import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { electronBuilderConfig, validateBuilderConfig, type BuilderConfig } from './packaging-config.js';

// `npm run dist` cannot run here (no Electron binary, no network for electron-builder's tools), so the packaging is
// checked the way electron-builder itself would start: its own loader reads electron-builder.yml and its own schema
// validates it; then what the issue asks of each installer is read from the loaded configuration.

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { author?: { name?: string; email?: string }; homepage?: string };
let config: BuilderConfig;
beforeAll(async () => {
  config = await electronBuilderConfig(root);
}, 60_000);

describe('the packaging configuration', () => {
  it('is accepted by electron-builder’s own schema', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
    // and the schema is a real check: an option it does not know is refused
    await expect(validateBuilderConfig({ ...config, linux: { ...config.linux, maintainerr: 'x' } as BuilderConfig['linux'] })).rejects.toThrow(/configuration\.linux/);
  });

  it('builds AppImage and deb on Linux, a dmg on macOS and an NSIS installer on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
  });

  it('gives the deb what it refuses to build without: a maintainer (name and e-mail) and a homepage', () => {
    // electron-builder's deb target takes the maintainer from linux.maintainer, else from package.json's author
    // ("name <email>"), and fails without an e-mail or a homepage.
    const maintainer = config.linux?.maintainer ?? (pkg.author?.name && pkg.author.email ? `${pkg.author.name} <${pkg.author.email}>` : undefined);
    expect(maintainer).toMatch(/^[^<>]+ <[^\s@<>]+@[^\s@<>]+\.[a-z]+>$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });

  it('has a Linux desktop entry with a name, the Utility and Security categories and search keywords', () => {
    const entry = config.linux?.desktop?.entry ?? {};
    expect(entry.Name).toBe('Authenticator');
    expect(entry.Categories?.split(';')).toEqual(expect.arrayContaining(['Utility', 'Security']));
    expect(entry.Keywords?.split(';')).toEqual(expect.arrayContaining(['2FA', 'OTP', 'TOTP', 'authenticator']));
  });

  it('tells macOS why the camera is asked for, with the hardened runtime notarisation needs', () => {
    expect(config.mac?.extendInfo?.NSCameraUsageDescription).toMatch(/camera.*QR code/i);
    expect(config.mac?.hardenedRuntime).toBe(true);
  });

  it('keeps the fuses that stop the binary being used as a Node interpreter or debugger', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
