import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { awkwardAccounts, base32, oathtoolCode } from '../core/import/testing/awkward-accounts.js';
import { aegisEncrypted, otpauthLink, twoFasPlain } from '../core/import/testing/export-files.js';
import { runCli } from './run-cli.js';

// `import` in-process against a fresh data folder and the real OS keychain (scripts/with-keyring.sh), with export
// files the tests build from the formats' descriptions.

async function cli(dataDir: string, args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => stdin });
  return { code, stdout, stderr };
}

const PASSWORD = 'export password';
const accounts = awkwardAccounts();
const usable = accounts.filter((a) => a.expect.usable);

function setUp(content: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-import-'));
  const file = path.join(dir, 'export.json');
  writeFileSync(file, content);
  return { dir, file, vault: () => readFileSync(path.join(dir, 'vault.json')) };
}

describe('authenticator import', () => {
  test('an encrypted Aegis file: --dry-run --json reports without writing, then the import adds every new account; codes equal oathtool’s', async () => {
    const { dir, file, vault } = setUp(aegisEncrypted(accounts, PASSWORD));
    expect((await cli(dir, ['add', otpauthLink(accounts[0]!)])).code).toBe(0);
    const before = vault();

    const dry = await cli(dir, ['import', file, '--password-stdin', '--dry-run', '--json'], `${PASSWORD}\n`);
    expect(dry.code).toBe(0);
    const expected = {
      imported: usable.slice(1).map((a) => ({ id: null, issuer: a.issuer, name: a.name, type: a.type, pinned: false })),
      duplicates: [{ issuer: accounts[0]!.issuer, name: accounts[0]!.name }],
      skipped: accounts.filter((a) => !a.expect.usable).map((a) => ({ issuer: a.issuer, name: a.name, reason: expect.stringContaining(a.expect.usable ? '' : a.expect.reasonIncludes) })),
    };
    expect(JSON.parse(dry.stdout)).toEqual(expected);
    expect(vault().equals(before)).toBe(true);

    const real = await cli(dir, ['import', file, '--password-stdin', '--json'], PASSWORD);
    expect(real.code).toBe(0);
    const report = JSON.parse(real.stdout) as { imported: { id: string; issuer: string; name: string; type: string }[] };
    expect(report).toEqual({ ...expected, imported: expected.imported.map((a) => ({ ...a, id: expect.stringMatching(/^[0-9a-f]{10}$/) })) });
    for (const secret of usable.map((a) => base32(a.key))) {
      expect(real.stdout + dry.stdout).not.toContain(secret);
    }

    const at = 1_900_000_007;
    for (const [i, imported] of report.imported.entries()) {
      const account = usable[i + 1]!;
      if (account.type !== 'totp') continue;
      const shown = JSON.parse((await cli(dir, ['code', imported.id, '--at', String(at), '--json'])).stdout) as { code: string };
      const otp = { type: 'totp', algorithm: account.algorithm, digits: account.digits, period: account.period, counter: 0 } as const;
      expect(shown.code, account.name).toBe(oathtoolCode(otp, base32(account.key), at));
    }
    const list = JSON.parse((await cli(dir, ['list', '--json'])).stdout) as { name: string }[];
    expect(list.map((a) => a.name)).toEqual(usable.map((a) => a.name));
  }, 60_000);

  test('a wrong or missing password, an unknown format, a damaged file and a KDF over the cap: exit 2, vault byte-identical', async () => {
    const { dir, file, vault } = setUp(aegisEncrypted(usable.slice(0, 2), PASSWORD));
    expect((await cli(dir, ['add', otpauthLink(accounts[3]!)])).code).toBe(0);
    const before = vault();
    const cases: [string, string[], string, string][] = [
      ['wrong password', [file, '--password-stdin'], 'nope', 'password is not right'],
      ['no password', [file], '', '--password-stdin'],
    ];
    const other = (name: string, content: string) => {
      const f = path.join(dir, name);
      writeFileSync(f, content);
      return f;
    };
    cases.push(['unknown', [other('notes.txt', 'just some notes\n')], '', 'not an export file']);
    cases.push(['cut short', [other('broken.2fas', twoFasPlain(usable).slice(0, 200))], '', 'cut short or damaged']);
    const costly = aegisEncrypted(usable.slice(0, 1), PASSWORD, 1024).replace('"n":1024', '"n":16777216');
    cases.push(['over the cap', [other('costly.json', costly), '--password-stdin'], PASSWORD, 'more than the']);
    const damagedAegis = JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { entries: 'none' } });
    cases.push(['damaged Aegis', [other('aegis.json', damagedAegis)], '', 'damaged']);
    for (const [what, args, stdin, message] of cases) {
      const run = await cli(dir, ['import', ...args, '--json'], stdin);
      expect(run.code, what).toBe(2);
      expect(run.stderr, what).toContain(message);
      expect(run.stdout, what).toBe('');
      expect(vault().equals(before), what).toBe(true);
    }
  }, 60_000);
  test('an entry named like an account here with another key is left out, with its reason, unless --same-name second', async () => {
    const { dir, file } = setUp('otpauth://totp/GitHub:alice?secret=MFRGGZDFMZTWQ2LK&issuer=GitHub\n');
    expect((await cli(dir, ['add', 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'])).code).toBe(0);
    const plain = await cli(dir, ['import', file, '--json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual({
      imported: [],
      duplicates: [],
      skipped: [{ issuer: 'GitHub', name: 'alice', reason: expect.stringContaining('You already have an account with this name and a different setup key') }],
    });
    const second = await cli(dir, ['import', file, '--same-name', 'second', '--json']);
    expect(JSON.parse(second.stdout).imported).toEqual([expect.objectContaining({ issuer: 'GitHub', name: 'alice' })]);
    expect((await cli(dir, ['import', file, '--same-name', 'replace'])).code).toBe(2);
    expect(JSON.parse((await cli(dir, ['list', '--json'])).stdout)).toHaveLength(2);
  });
});
