import type { AccountDraft } from './otpauth-uri.js';

/**
 * Writes an account as a Key Uri Format link (otpauth://TYPE/LABEL?PARAMETERS), the inverse of parseOtpauthUri:
 * parsing the result gives back the same issuer, name, secret and parameters.
 *
 * - The label is "issuer:name". The parser splits it at the first colon, so when the issuer itself holds a colon (or
 *   there is no issuer but the name holds one) the label starts with an empty issuer (":name") and the issuer
 *   parameter carries the real one.
 * - Algorithm, digits and period are always written: other apps' defaults differ, and being explicit costs nothing.
 * - Steam Guard uses otpauth://steam/, which apps without Steam support refuse, rather than otpauth://totp/ with
 *   encoder=steam, which they would read as a 6-digit TOTP account and show wrong codes for.
 */
export function formatOtpauthUri(account: AccountDraft): string {
  const { issuer, name, secret, otp } = account;
  const labelIssuer = issuer.includes(':') ? '' : issuer;
  const label = labelIssuer.length > 0 || issuer.length > 0 || name.includes(':') ? `${encode(labelIssuer)}:${encode(name)}` : encode(name);
  const params: [string, string][] = [['secret', secret]];
  if (issuer.length > 0) params.push(['issuer', issuer]);
  if (otp.type !== 'steam') params.push(['algorithm', otp.algorithm], ['digits', String(otp.digits)]);
  if (otp.type === 'hotp') params.push(['counter', String(otp.counter)]);
  else params.push(['period', String(otp.period)]);
  const query = params.map(([key, value]) => `${key}=${encode(value)}`).join('&');
  return `otpauth://${otp.type}/${label}?${query}`;
}

/** encodeURIComponent leaves !'()* alone; they are legal, but some scanners' parsers trip on them. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
