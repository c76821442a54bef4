import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AccountsService } from '../core/accounts/accounts-service.js';
import { createBackupKey, sealBackup } from '../core/backup/backup-envelope.js';
import { encodePayload, payloadOf } from '../core/backup/backup-payload.js';
import { osKeychainKeyStore } from '../core/keystore/os-keychain-key-store.js';
import { Vault } from '../core/vault/vault.js';
import { runCli } from './run-cli.js';

// Runs the command-line tool in-process against a fresh data folder and the real OS keychain
// (the test script provides an unlocked GNOME Keyring).
async function cli(dataDir: string, args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => stdin });
  return { code, stdout, stderr };
}
const fresh = () => mkdtempSync(path.join(tmpdir(), 'cli-'));
const oathtool = (secret: string, at: number, extra: string[] = []) =>
  execFileSync('oathtool', ['--totp', '-b', ...extra, '-N', `@${at}`, secret], { encoding: 'utf8' }).trim();

const EXAMPLE = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

describe('the command-line tool', () => {
  test('add then code prints what oathtool prints, now and at --at', async () => {
    const dir = fresh();
    expect((await cli(dir, ['add', EXAMPLE])).code).toBe(0);
    const before = Math.floor(Date.now() / 1000);
    const now = await cli(dir, ['code', 'Example']);
    const after = Math.floor(Date.now() / 1000);
    expect([oathtool('JBSWY3DPEHPK3PXP', before), oathtool('JBSWY3DPEHPK3PXP', after)]).toContain(now.stdout.trim());
    for (const at of [0, 29, 30, 1_111_111_109, 2_000_000_000]) {
      const json = JSON.parse((await cli(dir, ['code', 'example', '--at', String(at), '--json'])).stdout) as { code: string; validUntil: number };
      expect(json.code).toBe(oathtool('JBSWY3DPEHPK3PXP', at));
      expect(json.validUntil).toBe(Math.floor(at / 30) * 30 + 30);
    }
  });

  test('--clock-offset: code prints oathtool\'s code at the computer\'s time plus the offset, either sign; bad values and --at refused', async () => {
    const dir = fresh();
    expect((await cli(dir, ['add', EXAMPLE])).code).toBe(0);
    for (const [arg, seconds] of [['--clock-offset=90', 90], ['--clock-offset=-90', -90], ['--clock-offset=3600.5', 3600.5]] as const) {
      const before = Math.floor(Date.now() / 1000 + seconds);
      const result = await cli(dir, ['code', 'Example', arg, '--json']);
      const after = Math.floor(Date.now() / 1000 + seconds);
      expect(result.code, arg).toBe(0);
      const json = JSON.parse(result.stdout) as { code: string; validUntil: number };
      expect([oathtool('JBSWY3DPEHPK3PXP', before), oathtool('JBSWY3DPEHPK3PXP', after)], arg).toContain(json.code);
      // validUntil is in the corrected time too: the end of the period the code belongs to.
      expect([before, after].map((t) => Math.floor(t / 30) * 30 + 30), arg).toContain(json.validUntil);
    }
    const spaced = await cli(dir, ['code', 'Example', '--clock-offset', '90']);
    expect(spaced.code).toBe(0);
    const ambiguous = await cli(dir, ['code', 'Example', '--clock-offset', '-90']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("use '--clock-offset=-XYZ'");
    for (const args of [['--clock-offset', 'soon'], ['--clock-offset=1e3'], ['--clock-offset=40000000'], ['--clock-offset=90', '--at', '1000']]) {
      const result = await cli(dir, ['code', 'Example', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^authenticator: --clock-offset .*\n$/);
    }
  });

  test('list --json gives the display order with the documented fields, and never a secret', async () => {
    const dir = fresh();
    await cli(dir, ['add', EXAMPLE, 'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=7&digits=8&algorithm=SHA256&issuer=Bank']);
    const list = await cli(dir, ['list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      { id: expect.any(String), issuer: 'Example', name: 'alice@example.com', kind: 'other', type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, deviceBound: false, needsVerification: false },
      { id: expect.any(String), issuer: 'Bank', name: 'bob', kind: 'other', type: 'hotp', algorithm: 'SHA256', digits: 8, period: 30, counter: 7, deviceBound: false, needsVerification: false },
    ]);
    const plain = await cli(dir, ['list']);
    for (const output of [list.stdout, plain.stdout]) {
      expect(output).not.toContain('JBSWY3DPEHPK3PXP');
      expect(output).not.toContain('GEZDGNBVGY3TQOJQ');
    }
  });

  test('add --kind --device-bound files a Microsoft account as tied to this PC; other accounts cannot be', async () => {
    const dir = fresh();
    const link = 'otpauth://totp/Microsoft:alice@outlook.com?secret=JBSWY3DPEHPK3PXP&issuer=Microsoft';
    expect((await cli(dir, ['add', '--kind', 'microsoftPersonal', '--device-bound', link])).code).toBe(0);
    const [account] = await new AccountsService(new Vault(dir, osKeychainKeyStore())).list();
    expect(account).toMatchObject({ kind: 'microsoftPersonal', deviceBound: true, needsVerification: false });

    const other = await cli(fresh(), ['add', '--device-bound', EXAMPLE]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('Only personal Microsoft and work or school accounts');
    const badKind = await cli(fresh(), ['add', '--kind', 'bank', EXAMPLE]);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('--kind must be');
  });

  test('a restored device-bound HOTP account: next and code refuse with exit code 2, name it, and change nothing', async () => {
    const dir = fresh();
    const link = 'otpauth://hotp/Contoso:bob@contoso.com?secret=JBSWY3DPEHPK3PXP&counter=3&issuer=Contoso';
    expect((await cli(dir, ['add', '--kind', 'workOrSchool', '--device-bound', link])).code).toBe(0);
    // As a restore from a backup leaves it: the device-bound secret stayed on the other PC.
    const { result: id } = await new Vault(dir, osKeychainKeyStore()).update((data) => {
      Object.assign(data.accounts[0]!, { secret: '', needsVerification: true });
      return { data, result: data.accounts[0]!.id };
    });
    const vaultBefore = readFileSync(path.join(dir, 'vault.json'));
    for (const args of [['next', id], ['code', id], ['code', 'contoso', '--json']]) {
      const result = await cli(dir, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^authenticator: Contoso, bob@contoso\.com needs to be set up again on this device before it has codes \(Action required\)\.( Its counter was not moved\.)?\n$/);
    }
    expect((await cli(dir, ['next', id])).stderr).toContain('Its counter was not moved.');
    expect(readFileSync(path.join(dir, 'vault.json'))).toEqual(vaultBefore);
  });

  test('add - reads links from standard input, all or nothing', async () => {
    const dir = fresh();
    const bad = await cli(dir, ['add', '-'], `${EXAMPLE}\n\notpauth://totp/Broken?secret=0000\n`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^authenticator: Link 2: .*base32/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse((await cli(dir, ['list', '--json'])).stdout)).toEqual([]);

    const good = await cli(dir, ['add', '-'], `${EXAMPLE}\r\notpauth://totp/Other:x?secret=MFRGGZDFMZTWQ2LK\n`);
    expect(good.code).toBe(0);
    expect(JSON.parse((await cli(dir, ['list', '--json'])).stdout)).toHaveLength(2);
  });

  test('rename, move and remove change the vault; bad input changes nothing and exits non-zero', async () => {
    const dir = fresh();
    expect((await cli(dir, ['add', EXAMPLE, 'otpauth://totp/B:b?secret=MFRGGZDFMZTWQ2LK&issuer=B', 'otpauth://totp/C:c?secret=MZXW6YTBOJUWU23M&issuer=C'])).code).toBe(0);
    const ids = (JSON.parse((await cli(dir, ['list', '--json'])).stdout) as { id: string }[]).map((a) => a.id);
    const vaultBefore = readFileSync(path.join(dir, 'vault.json'));

    for (const args of [['move', ids[2]!, '--to', 'x'], ['remove', 'nosuchid'], ['rename', ids[0]!], ['code', 'zzz'], ['code', 'example', '--at', '-5'], ['frobnicate'], ['add', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&digits=99']]) {
      const result = await cli(dir, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^authenticator: .+\n$/);
      expect(result.stdout).toBe('');
    }
    expect(readFileSync(path.join(dir, 'vault.json'))).toEqual(vaultBefore);

    expect((await cli(dir, ['move', ids[2]!, '--to', '0'])).code).toBe(0);
    expect((await cli(dir, ['rename', ids[0]!, '--name', 'alice@work.example'])).code).toBe(0);
    expect((await cli(dir, ['remove', ids[1]!])).code).toBe(0);
    const after = JSON.parse((await cli(dir, ['list', '--json'])).stdout) as { id: string; name: string }[];
    expect(after.map((a) => a.id)).toEqual([ids[2], ids[0]]);
    expect(after[1]!.name).toBe('alice@work.example');
  });

  test('an ambiguous search names the candidates instead of guessing', async () => {
    const dir = fresh();
    await cli(dir, ['add', 'otpauth://totp/Git:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub', 'otpauth://totp/Git:bob?secret=MFRGGZDFMZTWQ2LK&issuer=GitLab']);
    const result = await cli(dir, ['code', 'git']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/matches 2 accounts/);
  });

  test('an account named like one here with another key needs --same-name, and each of the two is then addressed by its id', async () => {
    const dir = fresh();
    const old = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
    const reset = 'otpauth://totp/GitHub:alice?secret=MFRGGZDFMZTWQ2LK&issuer=GitHub';
    expect((await cli(dir, ['add', old])).code).toBe(0);
    const refused = await cli(dir, ['add', '-'], `${reset}\n`);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('You already have GitHub, alice. This is a different setup key');
    expect(refused.stderr).toContain('--same-name second or --same-name replace');
    expect((await cli(dir, ['add', '--same-name', 'sideways', '-'], `${reset}\n`)).code).toBe(2);
    expect(JSON.parse((await cli(dir, ['list', '--json'])).stdout)).toHaveLength(1);

    expect((await cli(dir, ['add', '--same-name', 'second', '-'], `${reset}\n`)).code).toBe(0);
    const [first, second] = JSON.parse((await cli(dir, ['list', '--json'])).stdout) as { id: string }[];
    const ambiguous = await cli(dir, ['code', 'GitHub']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`${first!.id} GitHub, alice (added `);
    expect(ambiguous.stderr).toContain(`place 1 in the list); ${second!.id} GitHub, alice (added `);
    expect(ambiguous.stderr).toContain('place 2 in the list)');
    expect(JSON.parse((await cli(dir, ['code', first!.id, '--at', '1111111109', '--json'])).stdout).code).toBe(oathtool('JBSWY3DPEHPK3PXP', 1111111109));
    expect(JSON.parse((await cli(dir, ['code', second!.id, '--at', '1111111109', '--json'])).stdout).code).toBe(oathtool('MFRGGZDFMZTWQ2LK', 1111111109));
  });

  test('--same-name replace puts the new key in the old account, under its id', async () => {
    const dir = fresh();
    expect((await cli(dir, ['add', 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'])).code).toBe(0);
    const [old] = JSON.parse((await cli(dir, ['list', '--json'])).stdout) as { id: string }[];
    expect((await cli(dir, ['add', '--same-name', 'replace', '-'], 'otpauth://totp/GitHub:alice?secret=MFRGGZDFMZTWQ2LK&issuer=GitHub\n')).code).toBe(0);
    const after = JSON.parse((await cli(dir, ['list', '--json'])).stdout) as { id: string }[];
    expect(after.map((a) => a.id)).toEqual([old!.id]);
    expect(JSON.parse((await cli(dir, ['code', 'GitHub', '--at', '2000000000', '--json'])).stdout).code).toBe(oathtool('MFRGGZDFMZTWQ2LK', 2000000000));
  });

  test('no file in the data folder holds a secret in plain text', async () => {
    const dir = fresh();
    await cli(dir, ['add', EXAMPLE]);
    await cli(dir, ['rename', JSON.parse((await cli(dir, ['list', '--json'])).stdout)[0].id, '--issuer', 'Renamed']);
    for (const file of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, file), 'latin1');
      expect(text).not.toContain('JBSWY3DPEHPK3PXP');
      expect(text.toLowerCase()).not.toContain('jbswy3dpehpk3pxp');
      expect(text).not.toContain('alice@example.com');
    }
  });
  test('inspect-backup describes a backup file, lists its accounts only with the password, and never prints a secret', async () => {
    const dir = fresh();
    expect((await cli(dir, ['add', EXAMPLE])).code).toBe(0);
    expect((await cli(dir, ['add', '--kind', 'workOrSchool', '--device-bound', 'otpauth://totp/Contoso:alice@contoso.com?secret=KRUGS4ZANFZSAYJA&issuer=Contoso'])).code).toBe(0);
    const vault = await new Vault(dir, osKeychainKeyStore()).read();
    // A low scrypt cost keeps the test fast; the reader takes the cost from the file.
    const key = await createBackupKey('correct horse battery', { n: 2 ** 14, r: 8, p: 1 });
    const file = path.join(dir, 'backup.json');
    writeFileSync(file, sealBackup(encodePayload(payloadOf(vault.data)), key, { createdAt: '2026-11-23T10:00:00.000Z', deviceName: 'OLD-PC', appVersion: '0.1.0', accountCount: 2 }));

    const described = await cli(dir, ['inspect-backup', file]);
    expect(described).toMatchObject({ code: 0, stderr: '' });
    expect(described.stdout).toContain('made 2026-11-23T10:00:00.000Z on OLD-PC by app 0.1.0; 2 account(s).');
    expect(described.stdout).not.toContain('alice@example.com');

    const opened = await cli(dir, ['inspect-backup', file, '--password-stdin'], 'correct horse battery\n');
    expect(opened.code).toBe(0);
    expect(opened.stdout).toContain('Example, alice@example.com  [other]');
    expect(opened.stdout).toContain('Contoso, alice@contoso.com  [workOrSchool, device-bound: no secret in the backup]');
    expect(opened.stdout).not.toContain('JBSWY3DPEHPK3PXP');
    const json = JSON.parse((await cli(dir, ['inspect-backup', file, '--password-stdin', '--json'], 'correct horse battery')).stdout) as { accounts: { hasSecret: boolean }[] };
    expect(json.accounts.map((a) => a.hasSecret)).toEqual([true, false]);

    const wrong = await cli(dir, ['inspect-backup', file, '--password-stdin'], 'not it');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('password');
    expect(wrong.stdout).toBe('');
  });
  test('add refuses a link whose issuer or name would deceive, naming the field, and adds nothing', async () => {
    const dir = fresh();
    const bidi = await cli(dir, ['add', '-'], 'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=moc.%E2%80%AEelgoog\n');
    expect(bidi.code).toBe(2);
    expect(bidi.stderr).toBe('authenticator: The issuer contains a hidden or control character (U+202E); type it again without it.\n');
    const escape = await cli(dir, ['add', 'otpauth://totp/Example:alice%1B%5B2J?secret=JBSWY3DPEHPK3PXP']);
    expect(escape.code).toBe(2);
    expect(escape.stderr).toContain('account name contains a hidden or control character (U+001B)');
    expect(JSON.parse((await cli(dir, ['list', '--json'])).stdout)).toEqual([]);
  });

  test('names already in a vault (from an older version) and input quoted in messages reach the terminal escaped; --json keeps their value', async () => {
    const dir = fresh();
    expect((await cli(dir, ['add', EXAMPLE])).code).toBe(0);
    const issuer = 'Evil\u001b]0;owned\u0007';
    const name = 'moc.\u202eelgoog\nFAKE LINE';
    await new Vault(dir, osKeychainKeyStore()).update((data) => {
      Object.assign(data.accounts[0]!, { issuer, name });
      return { data, result: null };
    });
    // Nothing a terminal acts on or hides: no C0/C1 control but the line ends we write, no format character.
    const raw = /(?!\n)\p{Cc}|[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;
    const list = await cli(dir, ['list']);
    expect(list.stdout).not.toMatch(raw);
    expect(list.stdout).toContain('Evil\\u001b]0;owned\\u0007');
    expect(list.stdout).toContain('moc.\\u202eelgoog\\u000aFAKE LINE');
    expect(list.stdout.trim().split('\n')).toHaveLength(1);
    const json = await cli(dir, ['list', '--json']);
    expect(json.stdout).not.toMatch(raw);
    expect(JSON.parse(json.stdout)).toMatchObject([{ issuer, name }]);
    const renamed = await cli(dir, ['rename', (JSON.parse(json.stdout) as { id: string }[])[0]!.id, '--issuer', 'Fine']);
    expect(renamed.code).toBe(2); // the name it keeps is refused by today's rule
    expect(renamed.stderr).not.toMatch(raw);
    const notFound = await cli(dir, ['code', '\u001b[2Jnothing']);
    expect(notFound.code).toBe(2);
    expect(notFound.stderr).toBe('authenticator: No account matches "\\u001b[2Jnothing". Run "authenticator list" to see them all.\n');
  });

  test('inspect-backup escapes the device name and the account names a backup file holds', async () => {
    const dir = fresh();
    expect((await cli(dir, ['add', EXAMPLE])).code).toBe(0);
    const vault = await new Vault(dir, osKeychainKeyStore()).read();
    const payload = payloadOf(vault.data);
    payload.accounts[0]!.issuer = 'Ex\u202eample';
    const key = await createBackupKey('tidy lantern ocean velvet', { n: 2 ** 14, r: 8, p: 1 });
    const file = path.join(dir, 'backup.json');
    writeFileSync(file, sealBackup(encodePayload(payload), key, { createdAt: '2026-11-23T10:00:00.000Z', deviceName: 'PC\u001b[31m', appVersion: '0.1.0', accountCount: 1 }));
    const opened = await cli(dir, ['inspect-backup', file, '--password-stdin'], 'tidy lantern ocean velvet\n');
    expect(opened.code).toBe(0);
    expect(opened.stdout).toContain('on PC\\u001b[31m by app');
    expect(opened.stdout).toContain('Ex\\u202eample, alice@example.com');
    expect(opened.stdout).not.toMatch(/(?!\n)\p{Cc}|\u202e/u);
  });
});
