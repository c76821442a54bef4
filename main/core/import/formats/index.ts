import type { ImportFormat } from '../import-format.js';
import { aegisFormat } from './aegis.js';
import { andOtpFormat } from './andotp.js';
import { authenticatorProFormat } from './authenticator-pro.js';
import { enteAuthFormat } from './ente-auth.js';
import { freeOtpPlusFormat } from './freeotp-plus.js';
import { lastPassAuthenticatorFormat } from './lastpass-authenticator.js';
import { protonAuthenticatorFormat } from './proton-authenticator.js';
import { totpAuthenticatorFormat } from './totp-authenticator.js';
import { winAuthFormat } from './winauth.js';
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
  freeOtpPlusFormat,
  authenticatorProFormat,
  protonAuthenticatorFormat,
  enteAuthFormat,
  lastPassAuthenticatorFormat,
  totpAuthenticatorFormat,
  winAuthFormat,
  googleQrImagesFormat,
  // Fallbacks: read a file only when no specific format above claims it.
  otpauthListFormat,
  andOtpFormat,
];
