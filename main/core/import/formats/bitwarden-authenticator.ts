import type { ImportFormat, ReadResult } from '../import-format.js';
import { itemsWithTotp } from './bitwarden-totp.js';
import { damaged, jsonObject } from './json-file.js';

/**
 * Bitwarden Authenticator's JSON export: { encrypted: false, items: [{ name, login: { username, totp } }] } like the
 * password manager's, but without its folders or collections (which is how the two are told apart).
 */
const APP = 'Bitwarden Authenticator';

function isAuthenticatorExport(file: Record<string, unknown> | null): file is Record<string, unknown> {
  return file !== null && file.encrypted === false && Array.isArray(file.items) && !('folders' in file) && !('collections' in file);
}

export const bitwardenAuthenticatorFormat: ImportFormat = {
  id: 'bitwarden-authenticator',
  name: 'Bitwarden Authenticator',
  detect: (_bytes, text) => isAuthenticatorExport(jsonObject(text)),
  read(_bytes, text): ReadResult {
    const file = jsonObject(text);
    if (!isAuthenticatorExport(file)) throw damaged(APP, 'it is not a Bitwarden Authenticator export');
    return { encrypted: false, entries: itemsWithTotp(file.items as unknown[]) };
  },
};
