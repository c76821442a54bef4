/**
 * Files that start with a signature we know are never a headerless encrypted blob (andOTP's encrypted backups have
 * none): zip archives, images (Google's export QR codes), PDFs and Authenticator Pro's backups.
 */
const SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04], // zip
  [0x50, 0x4b, 0x05, 0x06], // empty zip
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP)
  [0x42, 0x4d], // BMP
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [...Buffer.from('AUTHENTICATORPRO', 'latin1')],
  [...Buffer.from('AuthenticatorPro', 'latin1')],
];

export function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

export function hasKnownSignature(bytes: Uint8Array): boolean {
  return SIGNATURES.some((signature) => startsWith(bytes, signature));
}
