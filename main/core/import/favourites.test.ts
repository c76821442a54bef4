import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccountsService } from '../accounts/accounts-service.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { Vault } from '../vault/vault.js';
import type { DecryptRunner } from './decrypt-off-thread.js';
import { namedFile } from './detect-format.js';
import { ImportService } from './import-service.js';

// Another app's favourite (or pinned) mark arrives as our pin to the tray. Each file is written here from the format's
// public description, with one marked account ("Fav", "starred") and one not ("Plain", "other").

const FAV = 'JBSWY3DPEHPK3PXP';
const PLAIN = 'MFRGGZDFMZTWQ2LK';

const aegisEntry = (issuer: string, name: string, secret: string, favorite: boolean) => ({
  type: 'totp', uuid: `00000000-0000-4000-8000-00000000000${favorite ? 1 : 2}`, name, issuer, note: '', favorite, icon: null,
  info: { secret, algo: 'SHA1', digits: 6, period: 30 },
});
const bitwardenItem = (issuer: string, name: string, secret: string, favorite: boolean) => ({ id: `item-${name}`, type: 1, name: issuer, favorite, login: { username: name, totp: secret } });
const lastPassAccount = (issuer: string, name: string, secret: string, isFavorite: boolean) => ({
  accountID: `id-${name}`, issuerName: issuer, originalIssuerName: issuer, userName: name, originalUserName: name, secret,
  pushNotification: false, timeStep: 30, digits: 6, algorithm: 'SHA1', isFavorite, creationTimestamp: 1700000000000, folderData: { folderId: 0, position: 0 }, backupInfo: null,
});
const enteLink = (issuer: string, name: string, secret: string, pinned: boolean) =>
  `otpauth://totp/${issuer}:${name}?secret=${secret}&issuer=${issuer}&${new URLSearchParams({ codeDisplay: JSON.stringify({ pinned, trashed: false, tags: [], note: '' }) }).toString()}`;

const files: Record<string, string> = {
  aegis: JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries: [aegisEntry('Fav', 'starred', FAV, true), aegisEntry('Plain', 'other', PLAIN, false)], groups: [] } }),
  'ente-auth': [enteLink('Fav', 'starred', FAV, true), enteLink('Plain', 'other', PLAIN, false)].join('\n'),
  'lastpass-authenticator': JSON.stringify({ deviceId: 'd', deviceSecret: 's', localDeviceId: 'l', deviceName: 'Pixel', version: 3, accounts: [lastPassAccount('Fav', 'starred', FAV, true), lastPassAccount('Plain', 'other', PLAIN, false)], folders: [] }),
  'bitwarden-authenticator': JSON.stringify({ encrypted: false, items: [bitwardenItem('Fav', 'starred', FAV, true), bitwardenItem('Plain', 'other', PLAIN, false)] }),
  'bitwarden-json': JSON.stringify({ encrypted: false, folders: [], items: [bitwardenItem('Fav', 'starred', FAV, true), bitwardenItem('Plain', 'other', PLAIN, false)] }),
  'bitwarden-csv': ['folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp', `,1,login,Fav,,,0,,starred,,${FAV}`, `,,login,Plain,,,0,,other,,${PLAIN}`, ''].join('\n'),
};

const neverDecrypt: DecryptRunner = () => {
  throw new Error('these files are not encrypted');
};

let service: AccountsService;
beforeEach(() => {
  service = new AccountsService(new Vault(mkdtempSync(path.join(tmpdir(), 'favourites-')), memoryKeyStore()));
});

describe('favourites from other apps', () => {
  for (const [formatId, text] of Object.entries(files)) {
    it(`${formatId}: the favourite is pinned to the tray (preview, report and vault), the other is not`, async () => {
      const importer = new ImportService({ accounts: service, decrypt: neverDecrypt });
      const opened = await importer.open([namedFile('export', new TextEncoder().encode(text))]);
      if (opened.stage !== 'preview') throw new Error('expected a preview');
      expect(opened.preview.format.id).toBe(formatId);
      expect(opened.preview.entries.map((e) => [e.issuer, e.pinned, e.status])).toEqual([
        ['Fav', true, 'new'],
        ['Plain', false, 'new'],
      ]);
      const report = await importer.commit(opened.preview.session, opened.preview.entries.map((e) => e.id));
      expect(report.imported.map((a) => [a.issuer, a.pinned])).toEqual([
        ['Fav', true],
        ['Plain', false],
      ]);
      expect((await service.storedAccounts()).map((a) => [a.issuer, a.name, a.secret, a.pinned])).toEqual([
        ['Fav', 'starred', FAV, true],
        ['Plain', 'other', PLAIN, false],
      ]);
    });
  }
});
