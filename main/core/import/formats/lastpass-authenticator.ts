import { z } from 'zod';
import type { ImportEntry, ImportFormat } from '../import-format.js';
import { entryFrom, pinnedIf, unsupported, UNSUPPORTED } from './common/entry.js';
import { damagedFile } from './common/errors.js';
import { isRecord, parseJson } from './common/json.js';

/**
 * LastPass Authenticator's "Export accounts to file": { deviceId, deviceSecret, localDeviceId, deviceName, version,
 * accounts: [...], folders: [...] }. Each account is TOTP with issuerName / userName as the person edited them
 * (originalIssuerName / originalUserName as scanned), secret, timeStep, digits and algorithm. Push-only accounts
 * (LastPass's own sign-in approvals) carry no secret. `isFavorite` (true) arrives pinned to the tray.
 */

const APP = 'LastPass Authenticator';

const Account = z.looseObject({
  secret: z.string().nullish(),
  issuerName: z.string().nullish(),
  originalIssuerName: z.string().nullish(),
  userName: z.string().nullish(),
  originalUserName: z.string().nullish(),
  pushNotification: z.boolean().optional(),
  timeStep: z.number().optional(),
  digits: z.number().optional(),
  algorithm: z.string().nullish(),
  isFavorite: z.boolean().optional(),
});

function readAccount(raw: unknown): ImportEntry {
  const parsed = Account.safeParse(raw);
  if (!parsed.success) return unsupported('', '', 'The entry could not be read.');
  const a = parsed.data;
  const issuer = a.issuerName || a.originalIssuerName || '';
  const name = a.userName || a.originalUserName || '';
  if (!a.secret) return unsupported(issuer, name, a.pushNotification ? UNSUPPORTED.push : 'The entry has no secret.');
  return pinnedIf(entryFrom({ issuer, name, secret: a.secret, type: 'totp', algorithm: a.algorithm || 'SHA1', digits: a.digits ?? 6, period: a.timeStep ?? 30, counter: 0 }), a.isFavorite);
}

function looksLikeAccount(value: unknown): boolean {
  return isRecord(value) && ('issuerName' in value || 'originalIssuerName' in value) && ('timeStep' in value || 'pushNotification' in value);
}

export const lastPassAuthenticatorFormat: ImportFormat = {
  id: 'lastpass-authenticator',
  name: 'LastPass Authenticator',
  detect(_bytes, text) {
    const json = parseJson(text);
    return isRecord(json) && Array.isArray(json.accounts) && json.accounts.some(looksLikeAccount);
  },
  read(_bytes, text) {
    const json = parseJson(text);
    if (!isRecord(json) || !Array.isArray(json.accounts)) throw damagedFile(APP, 'it has no list of accounts.');
    return { encrypted: false, entries: json.accounts.map(readAccount) };
  },
};
