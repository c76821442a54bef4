/** Whether a decoded QR code holds something the app can add: an otpauth:// link or a Google Authenticator export. */
export function isSetupLink(text: string): boolean {
  return /^otpauth(-migration)?:\/\//i.test(text.trim());
}

export type ScanSource = 'picture' | 'screen' | 'camera';

/** What to say about a QR code that holds something else (a web address, a Wi-Fi login, ...). */
export function notASetupCodeMessage(source: ScanSource): string {
  const base = 'is not an authenticator setup code (it does not hold an otpauth:// link).';
  if (source === 'screen') return `A QR code was found on your screen, but it ${base} If several QR codes are visible, leave only the one to add in view and try again.`;
  if (source === 'camera') return `That QR code ${base} Hold up the QR code the service shows for setting up an authenticator app.`;
  return `That QR code ${base}`;
}
