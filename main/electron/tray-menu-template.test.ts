import { describe, expect, it } from 'vitest';
import { trayMenu } from '../core/tray/tray-model.js';
import { trayMenuTemplate } from './tray-menu-template.js';

const menu = trayMenu({
  accounts: [
    {
      id: 'aaaa1',
      issuer: 'AT&T',
      name: 'me',
      kind: 'other',
      otp: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      deviceBound: false,
      needsVerification: false,
      pinned: false,
    },
  ],
  codes: { issuedAt: 0, codes: [{ id: 'aaaa1', code: '123456', validFrom: 0, validUntil: 30_000, next: '654321' }] },
  settings: { trayMaxAccounts: 10 },
  lock: { available: false, locked: false },
});

describe('trayMenuTemplate', () => {
  it('maps items and separators, escapes "&" outside macOS, and chooses by item id', () => {
    const chosen: string[] = [];
    const template = trayMenuTemplate(menu, (id) => chosen.push(id), 'linux');
    expect(template.map((t) => t.type ?? t.label)).toEqual(['AT&&T, me 123 456', 'separator', 'Open Authenticator', 'separator', 'Quit']);
    expect(trayMenuTemplate(menu, () => undefined, 'darwin')[0]!.label).toBe('AT&T, me 123 456');
    const click = template[0]!.click as () => void;
    click();
    expect(chosen).toEqual(['account:aaaa1']);
  });
});
