import { appErrorOf } from '../testing/test-helpers.js';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualAccountInput } from '../../../shared/account.js';
import { ManualClock } from '../clock.js';
import { memoryKeyStore } from '../keystore/memory-key-store.js';
import { decodeCanonicalKey } from '../otp/base32.js';
import { codeAt } from '../otp/otp-engine.js';
import { DELETIONS_KEPT_DAYS } from '../vault/vault-data.js';
import { VAULT_FILE, Vault, type VaultSnapshot } from '../vault/vault.js';
import { AccountsService } from './accounts-service.js';

// The key store is in memory here (the real keychain has its own suite); the vault files are real.

const SECRET_A = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // 20 bytes
const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // 20 bytes
const SECRET_C = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'; // 20 bytes

let dataDir: string;
let keys: ReturnType<typeof memoryKeyStore>;
let saved: VaultSnapshot[];
let service: AccountsService;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'accounts-test-'));
  keys = memoryKeyStore();
  saved = [];
  service = new AccountsService(new Vault(dataDir, keys), (snapshot) => saved.push(snapshot));
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Another service on the same folder and keys, as after a restart. */
const reopen = () => new AccountsService(new Vault(dataDir, keys));
const vaultBytes = () => fs.readFile(path.join(dataDir, VAULT_FILE)).catch(() => null);
const labels = async (s: AccountsService = service) => (await s.list()).map((a) => `${a.issuer}:${a.name}`);
const totp = (issuer: string, name: string, secret: string, extra = '') =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}${extra}`;


const manual = (overrides: Partial<ManualAccountInput> = {}): ManualAccountInput => ({
  kind: 'other',
  issuer: 'Manual Co',
  name: 'me@example.com',
  secret: SECRET_A,
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...overrides,
});

describe('addFromUri', () => {
  it('adds the account, returns its view without the secret, and stores the secret in canonical form', async () => {
    const view = await service.addFromUri(totp('Example', 'alice@example.com', 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp', '&digits=8&period=60&algorithm=SHA256'));
    expect(view).toEqual({
      id: expect.stringMatching(/^[a-f0-9]{10}$/),
      issuer: 'Example',
      name: 'alice@example.com',
      kind: 'other',
      otp: { type: 'totp', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 },
      deviceBound: false,
      needsVerification: false,
      pinned: false,
    });
    expect(view).not.toHaveProperty('secret');
    expect(await service.list()).toEqual([view]);
    const [stored] = await reopen().storedAccounts();
    expect(stored!.secret).toBe(SECRET_A);
    expect(stored!.createdAt).toBe(stored!.updatedAt);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.generation).toBe(1);
    expect(saved[0]!.data.accounts.map((a) => a.id)).toEqual([view.id]);
  });

  it('adds HOTP and Steam links with their parameters', async () => {
    const hotp = await service.addFromUri('otpauth://hotp/Bank:card?secret=' + SECRET_B + '&counter=41&issuer=Bank');
    const steam = await service.addFromUri('otpauth://steam/Steam:gamer?secret=' + SECRET_C + '&issuer=Steam');
    expect(hotp.otp).toEqual({ type: 'hotp', algorithm: 'SHA1', digits: 6, period: 30, counter: 41 });
    expect(steam.otp).toEqual({ type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
    expect(await labels(reopen())).toEqual(['Bank:card', 'Steam:gamer']);
  });

  it('rejects a bad link with the field at fault, saving nothing', async () => {
    const cases: [string, string][] = [
      ['https://example.com/totp', 'uri'],
      ['otpauth://totp/Example:alice', 'secret'],
      ['otpauth://totp/Example:alice?secret=not-base32!', 'secret'],
      ['otpauth://totp/Example:alice?secret=' + SECRET_A + '&digits=4', 'digits'],
      ['otpauth://hotp/Example:alice?secret=' + SECRET_A, 'counter'],
      ['otpauth://yotp/Example:alice?secret=' + SECRET_A, 'type'],
    ];
    for (const [uri, field] of cases) {
      const error = await appErrorOf(service.addFromUri(uri));
      expect(error.kind, uri).toBe('invalidInput');
      expect(error.field, uri).toBe(field);
    }
    expect(await vaultBytes()).toBeNull();
    expect(saved).toEqual([]);
  });
});

describe('duplicate detection', () => {
  it('refuses the same issuer, name and secret, however they are written, and changes nothing', async () => {
    await service.addFromUri(totp('Example', 'alice@example.com', SECRET_A));
    const before = await vaultBytes();
    for (const uri of [
      totp('Example', 'alice@example.com', SECRET_A),
      totp('EXAMPLE', ' Alice@Example.com ', SECRET_A.toLowerCase()),
      totp('Example', 'alice@example.com', SECRET_A.replace(/(.{4})/g, '$1 ').trim() + '===='),
    ]) {
      const error = await appErrorOf(service.addFromUri(uri));
      expect(error.kind, uri).toBe('duplicateAccount');
      expect(error.message).toContain('Example, alice@example.com');
    }
    expect(await vaultBytes()).toEqual(before);
    expect(await labels()).toEqual(['Example:alice@example.com']);
    expect(saved).toHaveLength(1);
  });

  it('allows the same secret under another name or issuer', async () => {
    await service.addFromUri(totp('Example', 'alice', SECRET_A));
    await service.addFromUri(totp('Example', 'bob', SECRET_A));
    await service.addFromUri(totp('Other', 'alice', SECRET_A));
    expect(await labels()).toEqual(['Example:alice', 'Example:bob', 'Other:alice']);
  });

  it('refuses a manual add that duplicates an account added by link', async () => {
    await service.addFromUri(totp('Manual Co', 'me@example.com', SECRET_A));
    expect((await appErrorOf(service.addManually(manual()))).kind).toBe('duplicateAccount');
    expect(await service.list()).toHaveLength(1);
  });
});

describe('addManyFromUris', () => {
  it('adds every link, in order, in one write', async () => {
    const added = await service.addManyFromUris([totp('A', 'one', SECRET_A), totp('B', 'two', SECRET_B), totp('C', 'three', SECRET_C)]);
    expect(added.map((a) => a.name)).toEqual(['one', 'two', 'three']);
    expect(await labels(reopen())).toEqual(['A:one', 'B:two', 'C:three']);
    expect(saved.map((s) => s.generation)).toEqual([1]);
  });

  it('is all or nothing: one bad link adds none, and the error names that link', async () => {
    await service.addFromUri(totp('Existing', 'x', SECRET_C));
    const before = await vaultBytes();
    const error = await appErrorOf(service.addManyFromUris([totp('A', 'one', SECRET_A), totp('B', 'two', SECRET_B), 'otpauth://totp/C:three?secret=1234', totp('D', 'four', SECRET_A)]));
    expect(error.kind).toBe('invalidInput');
    expect(error.field).toBe('secret');
    expect(error.message).toMatch(/^Link 3: /);
    expect(await vaultBytes()).toEqual(before);
    expect(await labels(reopen())).toEqual(['Existing:x']);
    expect(saved).toHaveLength(1);
  });

  it('is all or nothing for a link that duplicates an existing account, or another link of the batch', async () => {
    await service.addFromUri(totp('Existing', 'x', SECRET_C));
    const before = await vaultBytes();
    expect((await appErrorOf(service.addManyFromUris([totp('A', 'one', SECRET_A), totp('Existing', 'x', SECRET_C)]))).kind).toBe('duplicateAccount');
    expect((await appErrorOf(service.addManyFromUris([totp('A', 'one', SECRET_A), totp('B', 'two', SECRET_B), totp('A', 'one', SECRET_A)]))).kind).toBe(
      'duplicateAccount',
    );
    expect(await vaultBytes()).toEqual(before);
    expect(await labels(reopen())).toEqual(['Existing:x']);
  });
});

describe('addManually', () => {
  it('adds an account with the kind and parameters given, trimming labels and canonicalising the key', async () => {
    const view = await service.addManually(
      manual({ kind: 'workOrSchool', issuer: '  Contoso ', name: ' me ', secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq', type: 'hotp', algorithm: 'sha512', digits: 8, counter: 9 }),
    );
    expect(view).toMatchObject({ issuer: 'Contoso', name: 'me', kind: 'workOrSchool', otp: { type: 'hotp', algorithm: 'SHA512', digits: 8, period: 30, counter: 9 } });
    const [stored] = await reopen().storedAccounts();
    expect(stored!.secret).toBe(SECRET_B);
  });

  it('accepts an issuer without a name, or a name without an issuer', async () => {
    await service.addManually(manual({ issuer: 'OnlyIssuer', name: '' }));
    await service.addManually(manual({ issuer: '', name: 'only-name', secret: SECRET_B }));
    expect(await labels()).toEqual(['OnlyIssuer:', ':only-name']);
  });

  it('reports each invalid field by name, and saves nothing', async () => {
    const cases: [Partial<ManualAccountInput>, string][] = [
      [{ issuer: '  ', name: ' ' }, 'name'],
      [{ issuer: 'x'.repeat(257) }, 'issuer'],
      [{ name: 'x'.repeat(257) }, 'name'],
      [{ kind: 'bogus' as ManualAccountInput['kind'] }, 'kind'],
      [{ type: 'yotp' }, 'type'],
      [{ secret: '' }, 'secret'],
      [{ secret: 'JBSWY3DP' }, 'secret'], // 5 bytes: too short
      [{ secret: 'JBSWY3DP!EHPK3PXP' }, 'secret'],
      [{ algorithm: 'MD5' }, 'algorithm'],
      [{ digits: 5 }, 'digits'],
      [{ digits: 9 }, 'digits'],
      [{ period: 0 }, 'period'],
      [{ period: 3601 }, 'period'],
      [{ type: 'hotp', counter: -1 }, 'counter'],
      [{ type: 'steam', digits: 6 }, 'digits'],
      [{ type: 'steam', digits: 5, algorithm: 'SHA256' }, 'algorithm'],
    ];
    for (const [overrides, field] of cases) {
      const error = await appErrorOf(service.addManually(manual(overrides)));
      expect(error.kind, JSON.stringify(overrides)).toBe('invalidInput');
      expect(error.field, JSON.stringify(overrides)).toBe(field);
    }
    expect(await vaultBytes()).toBeNull();
    expect(saved).toEqual([]);
  });
});

describe('changing accounts', () => {
  async function three() {
    const [a, b, c] = await service.addManyFromUris([totp('A', 'one', SECRET_A), totp('B', 'two', SECRET_B), totp('C', 'three', SECRET_C)]);
    return { a: a!, b: b!, c: c! };
  }

  it('renames, trimming, and keeps the secret, the id and createdAt', async () => {
    const { b } = await three();
    const before = (await service.storedAccounts()).find((x) => x.id === b.id)!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renamed = await service.rename(b.id, '  New Issuer ', ' new name ');
    expect(renamed).toMatchObject({ id: b.id, issuer: 'New Issuer', name: 'new name' });
    const after = (await reopen().storedAccounts()).find((x) => x.id === b.id)!;
    expect(after).toMatchObject({ issuer: 'New Issuer', name: 'new name', secret: SECRET_B, createdAt: before.createdAt });
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect(await labels(reopen())).toEqual(['A:one', 'New Issuer:new name', 'C:three']);
  });

  it('refuses a rename to nothing or to too long a label', async () => {
    const { a } = await three();
    expect(await appErrorOf(service.rename(a.id, ' ', ''))).toMatchObject({ kind: 'invalidInput', field: 'name' });
    expect(await appErrorOf(service.rename(a.id, 'x'.repeat(257), 'n'))).toMatchObject({ kind: 'invalidInput' });
    expect(await labels()).toEqual(['A:one', 'B:two', 'C:three']);
  });

  it('removes one account and keeps the others in order', async () => {
    const { b } = await three();
    await service.remove(b.id);
    expect(await labels(reopen())).toEqual(['A:one', 'C:three']);
    expect((await appErrorOf(service.remove(b.id))).kind).toBe('accountNotFound');
  });

  it('moves an account, clamping the index, and the order persists across a new Vault instance', async () => {
    const { a, b, c } = await three();
    expect((await service.move(c.id, 0)).map((x) => x.name)).toEqual(['three', 'one', 'two']);
    expect(await labels(reopen())).toEqual(['C:three', 'A:one', 'B:two']);
    expect((await service.move(c.id, 99)).map((x) => x.name)).toEqual(['one', 'two', 'three']);
    expect((await service.move(b.id, -5)).map((x) => x.name)).toEqual(['two', 'one', 'three']);
    expect((await service.move(a.id, 2)).map((x) => x.name)).toEqual(['two', 'three', 'one']);
    expect((await service.move(a.id, 1)).map((x) => x.name)).toEqual(['two', 'one', 'three']);
    expect(await labels(reopen())).toEqual(['B:two', 'A:one', 'C:three']);
  });

  it('advances the counter of an HOTP account only, and the new counter persists', async () => {
    const hotp = await service.addFromUri(`otpauth://hotp/Bank:card?secret=${SECRET_A}&counter=5&issuer=Bank`);
    const time = await service.addFromUri(totp('Example', 'alice', SECRET_B));
    const first = await service.advanceCounter(hotp.id);
    expect(first.otp.counter).toBe(6);
    expect(first.secret).toBe(SECRET_A);
    expect((await service.advanceCounter(hotp.id)).otp.counter).toBe(7);
    expect((await reopen().list()).find((a) => a.id === hotp.id)!.otp.counter).toBe(7);

    const before = await vaultBytes();
    expect((await appErrorOf(service.advanceCounter(time.id))).kind).toBe('invalidRequest');
    expect(await vaultBytes()).toEqual(before);
    expect((await reopen().list()).find((a) => a.id === time.id)!.otp.counter).toBe(0);
  });

  it('nextHotpCode advances the counter and returns the code for the new counter', async () => {
    const hotp = await service.addFromUri(`otpauth://hotp/Bank:card?secret=${SECRET_A}&counter=5&issuer=Bank`);
    const code = await service.nextHotpCode(hotp.id);
    expect(code).toEqual(codeAt(hotp.id, { ...hotp.otp, counter: 6 }, decodeCanonicalKey(SECRET_A), 0));
    expect((await reopen().list())[0]!.otp.counter).toBe(6);
  });

  it('refuses the next code of a restored device-bound HOTP account (needs verification), naming it, and changes nothing', async () => {
    const [bound] = await service.addManyFromUris([`otpauth://hotp/Contoso:bob@contoso.com?secret=${SECRET_A}&counter=3&issuer=Contoso`], {
      kind: 'workOrSchool',
      deviceBound: true,
    });
    // As a restore from a backup leaves it: the device-bound secret stayed on the other PC.
    await new Vault(dataDir, keys).update((data) => {
      Object.assign(data.accounts[0]!, { secret: '', needsVerification: true });
      return { data, result: null };
    });
    const before = await vaultBytes();
    const savedBefore = saved.length;
    for (const attempt of [() => service.advanceCounter(bound!.id), () => service.nextHotpCode(bound!.id)]) {
      expect(await appErrorOf(attempt())).toMatchObject({
        kind: 'needsVerification',
        message: 'Contoso, bob@contoso.com needs to be set up again on this device before it has codes (Action required). Its counter was not moved.',
      });
    }
    expect(await vaultBytes()).toEqual(before);
    expect(saved).toHaveLength(savedBefore);
    expect((await reopen().storedAccounts())[0]!.otp.counter).toBe(3);
  });

  it('reports accountNotFound for an unknown id, changing nothing and announcing nothing', async () => {
    await three();
    const before = await vaultBytes();
    const savedBefore = saved.length;
    for (const attempt of [
      () => service.rename('0000000000', 'x', 'y'),
      () => service.remove('0000000000'),
      () => service.move('0000000000', 0),
      () => service.advanceCounter('0000000000'),
    ]) {
      expect((await appErrorOf(attempt())).kind).toBe('accountNotFound');
    }
    expect(await vaultBytes()).toEqual(before);
    expect(saved).toHaveLength(savedBefore);
  });

  it('announces every saved change with its snapshot', async () => {
    const { a } = await three();
    await service.rename(a.id, 'A2', 'one');
    await service.move(a.id, 2);
    await service.updateSettings({ hideCodes: true });
    expect(saved.map((s) => s.generation)).toEqual([1, 2, 3, 4]);
    expect(saved[1]!.data.accounts[0]!.issuer).toBe('A2');
    expect(saved[2]!.data.accounts.map((x) => x.name)).toEqual(['two', 'three', 'one']);
    expect(saved[3]!.data.settings.hideCodes).toBe(true);
    expect((await reopen().settings()).hideCodes).toBe(true);
  });
});

describe('time stamps', () => {
  it('come from the clock it is given (a corrected clock is the one backups compare), deletions too', async () => {
    const start = Date.parse('2031-05-06T07:08:09.000Z'); // far from the real time, so the system clock cannot pass
    const clock = new ManualClock(start);
    const timed = new AccountsService(new Vault(dataDir, keys), () => undefined, clock);
    const [added] = await timed.addManyFromUris([totp('GitHub', 'alice', SECRET_A), totp('Dropbox', 'alice', SECRET_B)]);
    clock.advance(60_000);
    await timed.rename(added!.id, 'GitHub', 'alice2');
    clock.advance(60_000);
    await timed.remove(added!.id);

    const { data } = await new Vault(dataDir, keys).read();
    expect(data.accounts[0]!.createdAt).toBe('2031-05-06T07:08:09.000Z');
    expect(data.deleted).toEqual([{ id: added!.id, at: '2031-05-06T07:10:09.000Z' }]);

    // A deletion is forgotten once it is older than DELETIONS_KEPT_DAYS by this clock (at the next deletion).
    clock.advance(DELETIONS_KEPT_DAYS * 86_400_000 + 1);
    await timed.remove(data.accounts[0]!.id);
    const after = await new Vault(dataDir, keys).read();
    expect(after.data.deleted.map((d) => d.id)).toEqual([data.accounts[0]!.id]);
  });
});

describe('names that would deceive', () => {
  it('the manual form refuses bidi overrides, zero-width and control characters, naming the field, and saves nothing', async () => {
    const cases: [Partial<ManualAccountInput>, 'issuer' | 'name', string][] = [
      [{ issuer: 'moc.\u202eelgoog' }, 'issuer', 'U+202E'],
      [{ issuer: 'Pay\u200bpal' }, 'issuer', 'U+200B'],
      [{ name: 'alice\u001b]8;;https://evil.example\u0007' }, 'name', 'U+001B'],
      [{ name: 'al\u2067ice' }, 'name', 'U+2067'],
    ];
    for (const [overrides, field, codePoint] of cases) {
      const error = await appErrorOf(service.addManually(manual(overrides)));
      expect(error).toMatchObject({ kind: 'invalidInput', field });
      expect(error.message).toContain(codePoint);
    }
    expect(await vaultBytes()).toBeNull();
  });

  it('a link, a QR code or an export refuses them the same way, adding nothing of the batch', async () => {
    const error = await appErrorOf(service.addManyFromUris([totp('A', 'one', SECRET_A), totp('B\u202e', 'two', SECRET_B)]));
    expect(error).toMatchObject({ kind: 'invalidInput', field: 'issuer' });
    expect(error.message).toMatch(/^Link 2: The issuer contains a hidden or control character \(U\+202E\)/);
    expect(await appErrorOf(service.addFromAnyUri(totp('A', 'o\u200bne', SECRET_A)))).toMatchObject({ kind: 'invalidInput', field: 'name' });
    expect(await vaultBytes()).toBeNull();
  });

  it('rename refuses them and keeps the old names', async () => {
    const [a] = await service.addManyFromUris([totp('A', 'one', SECRET_A)]);
    expect(await appErrorOf(service.rename(a!.id, 'A\u202e', 'one'))).toMatchObject({ kind: 'invalidInput', field: 'issuer' });
    expect(await appErrorOf(service.rename(a!.id, 'A', 'one\u2028two'))).toMatchObject({ kind: 'invalidInput', field: 'name' });
    expect(await labels(reopen())).toEqual(['A:one']);
  });
});
