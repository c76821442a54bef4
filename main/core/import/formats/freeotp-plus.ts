import { z } from 'zod';
import type { ImportEntry, ImportFormat } from '../import-format.js';
import { entryFrom, unsupported } from './common/entry.js';
import { damagedFile } from './common/errors.js';
import { isRecord, parseJson } from './common/json.js';

/**
 * FreeOTP+ "Export JSON": { tokens: [...], tokenOrder: ["issuer:label", ...] }. Each token keeps its key as a list of
 * signed bytes (Java's byte[] through Gson), its algorithm as "algo", and the issuer the person sees as issuerExt
 * (issuerInt is the one from the link).
 */

const APP = 'FreeOTP+';

const Token = z.looseObject({
  secret: z.array(z.number().int().min(-128).max(255)),
  type: z.string(),
  algo: z.string().optional(),
  digits: z.number().optional(),
  period: z.number().optional(),
  counter: z.number().optional(),
  issuerExt: z.string().nullish(),
  issuerInt: z.string().nullish(),
  issuerAlt: z.string().nullish(),
  label: z.string().nullish(),
  labelAlt: z.string().nullish(),
});

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function readToken(raw: unknown): ImportEntry {
  const parsed = Token.safeParse(raw);
  const record = isRecord(raw) ? raw : {};
  const issuer = text(record.issuerAlt) || text(record.issuerExt) || text(record.issuerInt);
  const name = text(record.labelAlt) || text(record.label);
  if (!parsed.success) return unsupported(issuer, name, 'The entry is missing its secret or type.');
  const t = parsed.data;
  const type = t.type.toUpperCase();
  if (type !== 'TOTP' && type !== 'HOTP' && type !== 'STEAM') return unsupported(issuer, name, `The code type "${t.type}" is not supported.`);
  return entryFrom({
    issuer,
    name,
    secret: Uint8Array.from(t.secret, (b) => b & 0xff),
    type: type === 'TOTP' ? 'totp' : type === 'HOTP' ? 'hotp' : 'steam',
    algorithm: t.algo ?? 'SHA1',
    digits: t.digits ?? 6,
    period: t.period ?? 30,
    counter: t.counter ?? 0,
  });
}

export const freeOtpPlusFormat: ImportFormat = {
  id: 'freeotp-plus',
  name: 'FreeOTP+',
  detect(_bytes, text) {
    const json = parseJson(text);
    if (!isRecord(json) || !Array.isArray(json.tokens)) return false;
    return Array.isArray(json.tokenOrder) || json.tokens.some((t) => isRecord(t) && Array.isArray(t.secret));
  },
  read(_bytes, text) {
    const json = parseJson(text);
    if (!isRecord(json) || !Array.isArray(json.tokens)) throw damagedFile(APP, 'it has no list of tokens.');
    return { encrypted: false, entries: json.tokens.map(readToken) };
  },
};
