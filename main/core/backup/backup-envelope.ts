import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { MAX_BACKUP_BYTES } from '../../../shared/backup-limits.js';
import { MIN_BACKUP_PASSWORD_LENGTH } from '../../../shared/backup-password.js';
import { AppError, invalidInput } from '../../../shared/errors.js';
import { passwordStrength, weakPasswordMessage } from '../../../shared/password-strength.js';
import { DEFAULT_SCRYPT, deriveScryptKey, scryptAccepts, withinScryptCaps, type ScryptCost } from '../crypto/scrypt-kdf.js';

/**
 * The backup file: end-to-end encrypted before it leaves the device. Described for other implementers in
 * docs/backup-format.md; keep the two in step.
 *
 *   {"header":{format, version, createdAt, deviceName, appVersion, accountCount, key},"payload":{iv, ciphertext}}
 *
 * - A random 256-bit data key encrypts the payload (AES-256-GCM, associated data = the header's exact bytes).
 * - The data key is wrapped (AES-256-GCM) by a key derived from the backup password with scrypt. The wrapped key
 *   holds no secret, so the app keeps a copy in a plain file and the data key in the keychain, and every later
 *   backup is sealed without asking for the password.
 * - The file must be exactly the canonical serialisation of what it parses to, so no byte of it can change
 *   (whitespace, key order, escapes, number forms, base64 padding bits) without the file being rejected.
 */
export const BACKUP_FORMAT = 'desktop-authenticator-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type { ScryptCost };

/** New wraps use the app's scrypt default (crypto/scrypt-kdf.ts): N=2^17, r=8, p=1, as docs/backup-format.md states. */
export const BACKUP_SCRYPT: Readonly<ScryptCost> = DEFAULT_SCRYPT;

// A file's own bounds beside the KDF's shared caps (r <= 32, p <= 16, 128*N*r <= 256 MiB): docs/backup-format.md.
const MIN_SCRYPT_N = 2 ** 14;
const MAX_SCRYPT_WORK = 2 ** 22; // N * r * p: about 2 s here

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 16;
// The wrapping has its own version (not the file format's): the wrapped key is stored and reused, and a later
// file format must be able to carry it without asking for the password again.
const KEY_WRAP_LABEL = 'desktop-authenticator-backup/key-wrap/1';
const KEY_ID_LABEL = 'desktop-authenticator-backup/key-id/1';

const DAMAGED = 'The backup file is damaged or was changed; nothing was restored.';
const KDF_REFUSED = 'The backup file asks for a key derivation this PC cannot run; the file is damaged or was changed. Nothing was restored.';

/** Standard base64 that decodes to the given length and re-encodes to the same text (no padding-bit variants). */
function base64Of(bytes: number | { min: number }) {
  return z.string().refine((text) => {
    const decoded = Buffer.from(text, 'base64');
    const lengthOk = typeof bytes === 'number' ? decoded.length === bytes : decoded.length >= bytes.min;
    return lengthOk && decoded.toString('base64') === text;
  });
}

/**
 * The costs a file may name: exactly the ones Node's scrypt accepts (N a power of two above 1, N < 2^(16*r),
 * r*p < 2^30, its memory within maxmem) and, within those, our own caps. A cost scrypt would refuse is refused
 * here first, so it is a damaged file, never a key-derivation crash.
 */
export function isScryptCostSane(cost: ScryptCost): boolean {
  return scryptAccepts(cost) && withinScryptCaps(cost, { minN: MIN_SCRYPT_N, maxWork: MAX_SCRYPT_WORK });
}

const ScryptJson = z
  .strictObject({ name: z.literal('scrypt'), n: z.number().int(), r: z.number().int(), p: z.number().int(), salt: base64Of(SALT_BYTES) })
  .refine(isScryptCostSane);

/** The data key wrapped by the password; no secret in it, plain JSON. */
export const WrappedKey = z.strictObject({
  kdf: ScryptJson,
  /** Names the data key without revealing it: the same after a password change, different for a new key. */
  keyId: base64Of(KEY_ID_BYTES),
  iv: base64Of(IV_BYTES),
  /** Encrypted data key followed by the GCM tag. */
  ciphertext: base64Of(KEY_BYTES + TAG_BYTES),
});
export type WrappedKey = z.infer<typeof WrappedKey>;

export interface BackupKey {
  dataKey: Buffer;
  wrapped: WrappedKey;
}

const IsoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .refine((text) => !Number.isNaN(Date.parse(text)) && new Date(text).toISOString() === text);

const MetaShape = {
  /** When the backup was made, as Date.prototype.toISOString writes it. */
  createdAt: IsoInstant,
  deviceName: z.string().min(1).max(256),
  appVersion: z.string().min(1).max(64),
  accountCount: z.number().int().min(0).max(1_000_000),
};
const BackupMeta = z.strictObject(MetaShape);
export type BackupMeta = z.infer<typeof BackupMeta>;

/** What a backup says about itself. Not authenticated until the backup is opened: show it, do not trust it. */
export type BackupHeader = BackupMeta & {
  formatVersion: number;
  /** Names the data key the file is sealed with: another id than this PC's key means another password (a change on another PC). */
  keyId: string;
};

const HeaderJson = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_FORMAT_VERSION),
  ...MetaShape,
  key: WrappedKey,
});
type HeaderJson = z.infer<typeof HeaderJson>;

const FileJson = z.strictObject({
  header: HeaderJson,
  payload: z.strictObject({ iv: base64Of(IV_BYTES), ciphertext: base64Of({ min: TAG_BYTES }) }),
});
type FileJson = z.infer<typeof FileJson>;

export type BackupUnlock = { password: string } | { dataKey: Buffer };

/** A new random data key, wrapped by the password. `kdf` is for tests; the app uses the default. */
export async function createBackupKey(password: string, kdf: ScryptCost = BACKUP_SCRYPT): Promise<BackupKey> {
  checkNewPassword(password);
  const dataKey = randomBytes(KEY_BYTES);
  return { dataKey, wrapped: await wrapKey(dataKey, password, kdf) };
}

/** The same data key under a new password (fresh salt and iv); the old password stops opening new backups. */
export async function rewrapBackupKey(dataKey: Buffer, newPassword: string, kdf: ScryptCost = BACKUP_SCRYPT): Promise<WrappedKey> {
  checkDataKey(dataKey);
  checkNewPassword(newPassword);
  return wrapKey(dataKey, newPassword, kdf);
}

/**
 * Whether a wrapped key costs an attacker less than today's default to try a password on: less memory (N·r) or less
 * work (N·r·p). Another PC (an older version, a slower machine's setting) may have written it so.
 */
export function isBelowDefaultCost(kdf: ScryptCost): boolean {
  const { n, r, p } = BACKUP_SCRYPT;
  return kdf.n * kdf.r < n * r || kdf.n * kdf.r * kdf.p < n * r * p;
}

/**
 * The key as it is, or, when its wrap is below today's default cost, the same data key wrapped again with the
 * default (fresh salt and iv; same data key and keyId, so nothing sealed with it changes). Only where the password
 * is at hand: it must open the wrapped key, which is checked (cheaply: that wrap is the weak one).
 */
export async function withDefaultCost(key: BackupKey, password: string): Promise<BackupKey> {
  if (!isBelowDefaultCost(key.wrapped.kdf)) return key;
  const proven = await unwrapBackupKey(key.wrapped, password);
  const same = proven.equals(key.dataKey);
  proven.fill(0);
  if (!same) throw new AppError('internal', 'The backup key does not match its wrapped copy.');
  return { dataKey: key.dataKey, wrapped: await wrapKey(key.dataKey, password, BACKUP_SCRYPT) };
}

/** The data key a wrapped key holds, given its password; `wrongPassword` otherwise. */
export async function unwrapBackupKey(wrapped: WrappedKey, password: string): Promise<Buffer> {
  const parsed = WrappedKey.safeParse(wrapped);
  if (!parsed.success) throw new AppError('backupDamaged', DAMAGED);
  const derived = await deriveKey(password, parsed.data.kdf, new AppError('backupDamaged', KDF_REFUSED));
  const dataKey = gcmOpen(derived, parsed.data, keyWrapAad(parsed.data));
  derived.fill(0);
  if (!dataKey) throw new AppError('wrongPassword', 'The backup password is not right. Check it and try again.');
  if (keyIdOf(dataKey) !== parsed.data.keyId) throw new AppError('backupDamaged', DAMAGED);
  return dataKey;
}

/** The id a file's header gives the data key it is sealed with (see BackupHeader.keyId). */
export function backupKeyIdOf(dataKey: Buffer): string {
  checkDataKey(dataKey);
  return keyIdOf(dataKey);
}

/** The backup file's bytes. */
export function sealBackup(payload: Buffer, key: BackupKey, meta: BackupMeta): Buffer {
  checkDataKey(key.dataKey);
  const wrapped = WrappedKey.safeParse(key.wrapped);
  // A data key that is not the wrapped one would make a backup that the password cannot open.
  if (!wrapped.success || wrapped.data.keyId !== keyIdOf(key.dataKey)) {
    throw new AppError('internal', 'The backup key on this device does not match its wrapped copy; set the backup password again.');
  }
  const details = BackupMeta.safeParse(meta);
  if (!details.success) throw new AppError('internal', 'The backup details are not valid.');
  const headerJson = serialiseHeader({ format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, ...details.data, key: wrapped.data });
  const bytes = Buffer.from(serialiseFile(headerJson, gcmSeal(key.dataKey, payload, Buffer.from(headerJson, 'utf8'))), 'utf8');
  if (bytes.length > MAX_BACKUP_BYTES) throw new AppError('internal', 'The backup is too large.');
  return bytes;
}

/**
 * The format version a parsed JSON value names when its header says it is our backup file (any version, checked
 * without any key or any other field), else null: how another reader of JSON files (import) tells it apart.
 */
export function backupFormatVersionOf(json: unknown): number | null {
  const header = (json as { header?: { format?: unknown; version?: unknown } } | null)?.header;
  if (typeof header !== 'object' || header === null || header.format !== BACKUP_FORMAT) return null;
  return Number.isSafeInteger(header.version) ? (header.version as number) : null;
}

/** The metadata, without any key, to describe a backup before asking for its password. */
export function readBackupHeader(bytes: Buffer): BackupHeader {
  return headerOf(parseFile(bytes).file.header);
}

export async function openBackup(bytes: Buffer, unlock: BackupUnlock): Promise<{ header: BackupHeader; payload: Buffer; key: BackupKey }> {
  const { file, headerJson } = parseFile(bytes);
  const wrapped = file.header.key;
  let dataKey: Buffer;
  if ('password' in unlock) {
    dataKey = await unwrapBackupKey(wrapped, unlock.password);
  } else {
    checkDataKey(unlock.dataKey);
    // Another device may have started over with a new password (a new data key): ask for it rather than call it damage.
    if (keyIdOf(unlock.dataKey) !== wrapped.keyId) {
      throw new AppError('wrongPassword', 'This backup is locked with a different backup password. Enter that password to open it.');
    }
    dataKey = unlock.dataKey;
  }
  const payload = gcmOpen(dataKey, file.payload, Buffer.from(headerJson, 'utf8'));
  if (!payload) throw new AppError('backupDamaged', DAMAGED);
  return { header: headerOf(file.header), payload, key: { dataKey, wrapped } };
}

function parseFile(bytes: Buffer): { file: FileJson; headerJson: string } {
  if (bytes.length > MAX_BACKUP_BYTES) throw new AppError('backupDamaged', DAMAGED);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('backupDamaged', DAMAGED);
  }
  // Checked before the strict parse: a newer version may look different in every other way.
  const version = backupFormatVersionOf(json);
  if (version !== null && version > BACKUP_FORMAT_VERSION) {
    throw new AppError('backupTooNew', 'This backup was made by a newer version of the app. Update the app to open it.');
  }
  const parsed = FileJson.safeParse(json);
  if (!parsed.success) throw new AppError('backupDamaged', DAMAGED);
  const headerJson = serialiseHeader(parsed.data.header);
  // The canonical-form rule: JSON.parse forgives whitespace, escapes, number forms, duplicate keys; we do not.
  if (!Buffer.from(serialiseFile(headerJson, parsed.data.payload), 'utf8').equals(bytes)) throw new AppError('backupDamaged', DAMAGED);
  return { file: parsed.data, headerJson };
}

/** Compact JSON in a fixed member order: the exact bytes of the header in the file, and the payload's associated data. */
function serialiseHeader(header: HeaderJson): string {
  const { kdf, keyId, iv, ciphertext } = header.key;
  return JSON.stringify({
    format: header.format,
    version: header.version,
    createdAt: header.createdAt,
    deviceName: header.deviceName,
    appVersion: header.appVersion,
    accountCount: header.accountCount,
    key: { kdf: { name: kdf.name, n: kdf.n, r: kdf.r, p: kdf.p, salt: kdf.salt }, keyId, iv, ciphertext },
  });
}

function serialiseFile(headerJson: string, payload: { iv: string; ciphertext: string }): string {
  return `{"header":${headerJson},"payload":${JSON.stringify({ iv: payload.iv, ciphertext: payload.ciphertext })}}`;
}

function headerOf(header: HeaderJson): BackupHeader {
  const { version, createdAt, deviceName, appVersion, accountCount } = header;
  return { formatVersion: version, createdAt, deviceName, appVersion, accountCount, keyId: header.key.keyId };
}

async function wrapKey(dataKey: Buffer, password: string, cost: ScryptCost): Promise<WrappedKey> {
  if (!isScryptCostSane(cost)) throw new AppError('internal', 'The backup key-derivation parameters are out of bounds.');
  const kdf = { name: 'scrypt' as const, n: cost.n, r: cost.r, p: cost.p, salt: randomBytes(SALT_BYTES).toString('base64') };
  const keyId = keyIdOf(dataKey);
  const derived = await deriveKey(password, kdf, new AppError('internal', 'Could not derive the backup key.'));
  const box = gcmSeal(derived, dataKey, keyWrapAad({ kdf, keyId }));
  derived.fill(0);
  return { kdf, keyId, ...box };
}

function keyWrapAad({ kdf, keyId }: Pick<WrappedKey, 'kdf' | 'keyId'>): Buffer {
  return Buffer.from(JSON.stringify([KEY_WRAP_LABEL, kdf.name, kdf.n, kdf.r, kdf.p, kdf.salt, keyId]), 'utf8');
}

function keyIdOf(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update(KEY_ID_LABEL).digest().subarray(0, KEY_ID_BYTES).toString('base64');
}

/** scrypt (crypto/scrypt-kdf.ts: NFC password, typed `failure`) with a cost already checked by isScryptCostSane. */
function deriveKey(password: string, kdf: WrappedKey['kdf'], failure: AppError): Promise<Buffer> {
  return deriveScryptKey(password, Buffer.from(kdf.salt, 'base64'), kdf, failure);
}

function checkNewPassword(password: string): void {
  // Lone surrogates all become U+FFFD in UTF-8, so different passwords would unlock alike.
  if (/\p{Cs}/u.test(password)) throw invalidInput('password', 'The backup password contains characters that cannot be used.');
  // Counted in characters after NFC, so "é" counts once however it was typed. Only new passwords are checked:
  // raising the minimum later must not lock anyone out of an older backup.
  if ([...password.normalize('NFC')].length < MIN_BACKUP_PASSWORD_LENGTH) {
    throw new AppError('weakPassword', `The backup password must be at least ${MIN_BACKUP_PASSWORD_LENGTH} characters long.`, 'password');
  }
  // The app's one strength rule, decided here in main whatever the window showed (its meter runs the same function).
  const strength = passwordStrength(password);
  if (!strength.acceptable) throw new AppError('weakPassword', weakPasswordMessage(strength), 'password');
}

function checkDataKey(dataKey: Buffer): void {
  if (dataKey.length !== KEY_BYTES) throw new AppError('internal', 'The backup key has the wrong length.');
}

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: string; ciphertext: string } {
  // A fresh random 96-bit iv per message; one data key seals far fewer than the 2^32 messages this allows.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** The plaintext, or null when the key is wrong or anything was changed. */
function gcmOpen(key: Buffer, box: { iv: string; ciphertext: string }, aad: Buffer): Buffer | null {
  const sealed = Buffer.from(box.ciphertext, 'base64');
  try {
    // authTagLength pinned so a shortened tag is not accepted.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
