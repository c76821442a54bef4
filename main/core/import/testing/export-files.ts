import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { MigrationPayload } from '../google-migration.js';
import type { TestAccount } from './awkward-accounts.js';

/**
 * Other apps' export files, built by the tests from each format's public description, with the parameters the real
 * apps use. Written independently of the readers under test: they share no code with them.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);

function gcmSeal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

/** A Key Uri Format link for an account, as the other apps write them in their exports. */
export function otpauthLink(a: TestAccount): string {
  const label = encodeURIComponent(a.issuer ? `${a.issuer}:${a.name}` : a.name);
  const params = new URLSearchParams({ secret: a.secretText.replace(/ /g, ''), algorithm: a.algorithm, digits: String(a.digits), period: String(a.period) });
  if (a.issuer) params.set('issuer', a.issuer);
  if (a.type === 'hotp') params.set('counter', String(a.counter));
  return `otpauth://${a.type}/${label}?${params.toString()}`;
}

// --- Aegis (docs/vault.md): vault version 1, db version 3 with groups; scrypt N=2^15 r=8 p=1 -----------------------

export function aegisDatabase(accounts: readonly TestAccount[], dbVersion: 2 | 3 = 3): object {
  const group = randomUUID();
  return {
    version: dbVersion,
    entries: accounts.map((a, i) => ({
      type: a.type,
      uuid: randomUUID(),
      name: a.name,
      issuer: a.issuer,
      note: '',
      favorite: false,
      icon: null,
      info: { secret: a.secretText, algo: a.algorithm, digits: a.digits, period: a.period, ...(a.type === 'hotp' ? { counter: a.counter } : {}), ...(a.type === 'motp' ? { pin: '1234' } : {}) },
      // Version 3 names groups by uuid; version 2 had a group name; one entry has no groups field at all.
      ...(dbVersion === 3 ? (i === 0 ? {} : { groups: i % 2 ? [group] : [] }) : { group: i % 2 ? 'Work' : null }),
    })),
    ...(dbVersion === 3 ? { groups: [{ uuid: group, name: 'Work' }] } : {}),
  };
}

export function aegisPlain(accounts: readonly TestAccount[], dbVersion: 2 | 3 = 3): string {
  return JSON.stringify({ version: 1, header: { slots: null, params: null }, db: aegisDatabase(accounts, dbVersion) }, null, 4);
}

export function aegisEncrypted(accounts: readonly TestAccount[], password: string, scryptN = 32768, dbVersion: 2 | 3 = 3): string {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const derived = scryptSync(password, salt, 32, { N: scryptN, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  const slotNonce = randomBytes(12);
  const wrapped = gcmSeal(derived, slotNonce, masterKey);
  const dbNonce = randomBytes(12);
  const db = gcmSeal(masterKey, dbNonce, utf8(JSON.stringify(aegisDatabase(accounts, dbVersion))));
  return JSON.stringify({
    version: 1,
    header: {
      slots: [
        // A biometric slot first (type 2), which a desktop cannot use, then the password slot.
        { type: 2, uuid: randomUUID(), key: randomBytes(32).toString('hex'), key_params: { nonce: randomBytes(12).toString('hex'), tag: randomBytes(16).toString('hex') } },
        {
          type: 1,
          uuid: randomUUID(),
          key: wrapped.ciphertext.toString('hex'),
          key_params: { nonce: slotNonce.toString('hex'), tag: wrapped.tag.toString('hex') },
          n: scryptN,
          r: 8,
          p: 1,
          salt: salt.toString('hex'),
          repaired: true,
          is_backup: false,
        },
      ],
      params: { nonce: dbNonce.toString('hex'), tag: db.tag.toString('hex') },
    },
    db: db.ciphertext.toString('base64'),
  });
}

// --- 2FAS (.2fas): services with otp.tokenType; encrypted: PBKDF2-SHA256 10,000 iterations, AES-256-GCM ------------

function twoFasServices(accounts: readonly TestAccount[], schema: number): object[] {
  return accounts.map((a, i) => ({
    name: a.issuer,
    secret: a.secretText,
    updatedAt: 1_700_000_000_000 + i,
    otp: {
      label: a.issuer ? `${a.issuer}:${a.name}` : a.name,
      account: a.name,
      ...(schema >= 2 ? { issuer: a.issuer } : {}),
      digits: a.digits,
      period: a.period,
      algorithm: a.algorithm,
      tokenType: a.type.toUpperCase(),
      ...(a.type === 'hotp' ? { counter: a.counter } : {}),
      source: 'Link',
    },
    order: { position: i },
    icon: { selected: 'Label', label: { text: a.issuer.slice(0, 2).toUpperCase(), backgroundColor: 'Orange' } },
  }));
}

export function twoFasPlain(accounts: readonly TestAccount[], schema = 4): string {
  return JSON.stringify({ services: twoFasServices(accounts, schema), groups: [], updatedAt: 1_700_000_000_000, schemaVersion: schema, appVersionCode: 5000000, appVersionName: '5.0.0', appOrigin: 'android' });
}

function twoFasSeal(key: Buffer, salt: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const { ciphertext, tag } = gcmSeal(key, iv, utf8(plain));
  return [Buffer.concat([ciphertext, tag]), salt, iv].map((b) => b.toString('base64')).join(':');
}

export function twoFasEncrypted(accounts: readonly TestAccount[], password: string, schema = 4): string {
  const salt = randomBytes(256);
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  return JSON.stringify({
    services: [],
    groups: [],
    updatedAt: 1_700_000_000_000,
    schemaVersion: schema,
    appVersionCode: 5000000,
    appOrigin: 'android',
    servicesEncrypted: twoFasSeal(key, salt, JSON.stringify(twoFasServices(accounts, schema))),
    reference: twoFasSeal(key, salt, 'a fixed reference text the app checks the password with'),
  });
}

// --- Bitwarden: JSON (plain, password-protected PBKDF2 / Argon2id), CSV, Bitwarden Authenticator ---------------

/** login.totp in each of Bitwarden's forms: a link, steam://SECRET, or a bare secret for plain SHA1/6/30 TOTP. */
function bitwardenTotp(a: TestAccount): string {
  if (a.type === 'steam') return `steam://${a.secretText}`;
  const plain = a.type === 'totp' && a.algorithm === 'SHA1' && a.digits === 6 && a.period === 30;
  return plain ? a.secretText : otpauthLink(a);
}

function bitwardenItems(accounts: readonly TestAccount[]): object[] {
  return [
    // A password-only login, which is not an authenticator account and is not listed.
    { id: randomUUID(), type: 1, name: 'Just a password', login: { username: 'x', password: 'y', totp: null, uris: [] } },
    ...accounts.map((a) => ({
      id: randomUUID(),
      organizationId: null,
      folderId: null,
      type: 1,
      reprompt: 0,
      name: a.issuer,
      notes: null,
      favorite: false,
      login: { uris: [], username: a.name, password: null, totp: bitwardenTotp(a) },
      collectionIds: null,
    })),
  ];
}

export function bitwardenPlain(accounts: readonly TestAccount[]): string {
  return JSON.stringify({ encrypted: false, folders: [], items: bitwardenItems(accounts) }, null, 2);
}

export function bitwardenAuthenticator(accounts: readonly TestAccount[]): string {
  return JSON.stringify({ encrypted: false, items: accounts.map((a) => ({ id: randomUUID(), name: a.issuer, favorite: false, type: 1, login: { username: a.name, totp: bitwardenTotp(a) } })) });
}

export function bitwardenCsv(accounts: readonly TestAccount[]): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const rows = [['Just a password', 'x', 'y', ''], ...accounts.map((a) => [a.issuer, a.name, 'pw,with "comma"', bitwardenTotp(a)])];
  return ['folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp', ...rows.map(([name, user, pw, totp]) => `,,login,${quote(name!)},,,0,,${quote(user!)},${quote(pw!)},${quote(totp!)}`)].join('\n') + '\n';
}

export type BitwardenKdf = { kind: 'pbkdf2'; iterations: number } | { kind: 'argon2id'; iterations: number; memoryMiB: number; parallelism: number };

function encString(encKey: Buffer, macKey: Buffer, plain: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', encKey, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const mac = createHmac('sha256', macKey).update(Buffer.concat([iv, data])).digest();
  return `2.${iv.toString('base64')}|${data.toString('base64')}|${mac.toString('base64')}`;
}

export async function bitwardenProtected(accounts: readonly TestAccount[], password: string, kdf: BitwardenKdf): Promise<string> {
  const salt = randomBytes(16).toString('base64');
  const key =
    kdf.kind === 'pbkdf2'
      ? pbkdf2Sync(password, utf8(salt), kdf.iterations, 32, 'sha256')
      : Buffer.from(await argon2id({ password, salt: createHash('sha256').update(salt).digest(), iterations: kdf.iterations, memorySize: kdf.memoryMiB * 1024, parallelism: kdf.parallelism, hashLength: 32, outputType: 'binary' }));
  // HKDF-Expand (RFC 5869) with one block: T(1) = HMAC(PRK, info | 0x01).
  const expand = (info: string) => createHmac('sha256', key).update(Buffer.concat([utf8(info), Buffer.from([1])])).digest();
  const encKey = expand('enc');
  const macKey = expand('mac');
  return JSON.stringify({
    encrypted: true,
    passwordProtected: true,
    salt,
    kdfType: kdf.kind === 'pbkdf2' ? 0 : 1,
    kdfIterations: kdf.iterations,
    ...(kdf.kind === 'argon2id' ? { kdfMemory: kdf.memoryMiB, kdfParallelism: kdf.parallelism } : {}),
    encKeyValidation_DO_NOT_EDIT: encString(encKey, macKey, randomUUID()),
    data: encString(encKey, macKey, bitwardenPlain(accounts)),
  });
}

// --- Google Authenticator transfer: MigrationPayload protobuf in otpauth-migration://offline?data= ----------------

const GOOGLE_ALGORITHMS: Record<string, number> = { SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 };

export function migrationLink(accounts: readonly TestAccount[], batch = { index: 0, size: 1, id: 7 }): string {
  const payload = MigrationPayload.encode(
    MigrationPayload.fromObject({
      version: 1,
      batchSize: batch.size,
      batchIndex: batch.index,
      batchId: batch.id,
      otpParameters: accounts.map((a) => ({
        secret: a.key,
        name: a.issuer ? `${a.issuer}:${a.name}` : a.name,
        issuer: a.issuer,
        algorithm: GOOGLE_ALGORITHMS[a.algorithm],
        digits: a.digits === 8 ? 2 : 1,
        type: a.type === 'hotp' ? 1 : 2,
        counter: a.counter,
      })),
    }),
  ).finish();
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
}
