import type { ImportFormat } from '../import-format.js';
import { aegisFormat } from './aegis.js';
import { bitwardenAuthenticatorFormat } from './bitwarden-authenticator.js';
import { bitwardenCsvFormat } from './bitwarden-csv.js';
import { bitwardenJsonFormat } from './bitwarden-json.js';
import { googleQrImagesFormat } from './google-qr-images.js';
import { otpauthListFormat } from './otpauth-list.js';
import { twoFasFormat } from './two-fas.js';

/** Every format the app reads. Detection asks each one; exactly one must recognise a file. */
export const importFormats: readonly ImportFormat[] = [
  aegisFormat,
  twoFasFormat,
  bitwardenJsonFormat,
  bitwardenCsvFormat,
  bitwardenAuthenticatorFormat,
  otpauthListFormat,
  googleQrImagesFormat,
];
