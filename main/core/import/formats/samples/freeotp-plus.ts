/** Sample freeotp-plus files for its reader's tests and the detection matrix, built from the format's public description. */
/** Java's signed bytes, as Gson writes a byte[]. */
const signed = (text: string): number[] => [...Buffer.from(text, 'latin1')].map((b) => (b > 127 ? b - 256 : b));
// 20 bytes with values above 127, which Java stores as negative numbers.
const highBytes = [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x80, 0xff, 0x7f, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xb0, 0xc0];

export const freeOtpPlusSample = JSON.stringify({
  tokenOrder: ['Google:alice@example.com', 'Bank:counter', 'Zoë', 'Wide:long', 'Tiny:key', 'Odd:type'],
  tokens: [
    { algo: 'SHA1', counter: 0, digits: 6, issuerExt: 'Google', issuerInt: 'Google', label: 'alice@example.com', period: 30, secret: signed('12345678901234567890'), type: 'TOTP' },
    { algo: 'SHA1', counter: 7, digits: 8, issuerExt: 'Bank', label: 'counter', period: 30, secret: highBytes.map((b) => (b > 127 ? b - 256 : b)), type: 'HOTP' },
    { algo: 'SHA256', counter: 0, digits: 7, issuerExt: '', label: 'Zoë', period: 45, secret: signed('12345678901234567890123456789012'), type: 'TOTP' },
    { algo: 'SHA512', counter: 0, digits: 8, issuerExt: 'Wide', label: 'long', period: 60, secret: signed('1234567890123456789012345678901234567890123456789012345678901234'), type: 'TOTP' },
    { algo: 'SHA1', counter: 0, digits: 6, issuerExt: 'Tiny', label: 'key', period: 30, secret: signed('short'), type: 'TOTP' },
    { algo: 'MD5', counter: 0, digits: 6, issuerExt: 'Odd', label: 'type', period: 30, secret: signed('12345678901234567890'), type: 'TOTP' },
  ],
});
