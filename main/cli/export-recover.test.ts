import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseOtpauthUri } from '../core/otp/otpauth-uri.js';
import { runCli } from './run-cli.js';

// export and recover --from-file through the command-line tool, against the real OS keychain; the Aegis file is
// read back by the independent reader written from Aegis's format description, codes are checked with oathtool.

async function cli(dataDir: string, args: string[], stdin = '', terminal = false) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin,
    stdoutIsTerminal: () => terminal,
  });
  return { code, stdout, stderr };
}
const fresh = () => mkdtempSync(path.join(tmpdir(), 'cli-export-'));
const oathtool = (secret: string, at: number, extra: string[] = []) => execFileSync('oathtool', ['--totp', '-b', ...extra, '-N', `@${at}`, secret], { encoding: 'utf8' }).trim();
const PASSWORD = 'quiet harbour lanterns drifting';
const LINKS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/Bank:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&digits=8&algorithm=SHA256',
];

async function pcWithAccounts(): Promise<string> {
  const dir = fresh();
  expect((await cli(dir, ['add', '-'], LINKS.join('\n'))).code).toBe(0);
  expect((await cli(dir, ['add', '--kind', 'microsoftPersonal', '--device-bound', 'otpauth://totp/Microsoft:alice@outlook.com?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Microsoft'])).code).toBe(0);
  return dir;
}

describe('export', () => {
  test('aegis: a 0600 file the independent reader opens with the password, without the device-bound account', async () => {
    const dir = await pcWithAccounts();
    const file = path.join(fresh(), 'aegis.json');
    const result = await cli(dir, ['export', '--format', 'aegis', '--out', file, '--password-stdin'], `${PASSWORD}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exported 2 account(s)');
    expect(result.stdout).toMatch(/Left out: Microsoft, alice@outlook\.com: .*tied to this PC/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reader = path.resolve(import.meta.dirname, '../core/export/testing/aegis_reader.py');
    const db = JSON.parse(execFileSync('python3', [reader, file], { input: PASSWORD, encoding: 'utf8' })) as { entries: { issuer: string; info: { secret: string } }[] };
    expect(db.entries.map((e) => [e.issuer, e.info.secret])).toEqual([['GitHub', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'], ['Bank', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ']]);
  });

  test('a weak password, a missing one, an unknown format: exit 2 and no file', async () => {
    const dir = await pcWithAccounts();
    const file = path.join(fresh(), 'x.json');
    const weak = await cli(dir, ['export', '--format', 'aegis', '--out', file, '--password-stdin'], 'password1\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/common/i);
    expect((await cli(dir, ['export', '--format', 'backup', '--out', file])).code).toBe(2);
    expect((await cli(dir, ['export', '--format', 'csv', '--out', file])).code).toBe(2);
    expect(spawnSync('test', ['-e', file]).status).toBe(1);
  });

  test('otpauth to a terminal is refused unless asked for; to a file it reads back as the same accounts', async () => {
    const dir = await pcWithAccounts();
    const refused = await cli(dir, ['export', '--format', 'otpauth', '--out', '-'], '', true);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const asked = await cli(dir, ['export', '--format', 'otpauth', '--out', '-', '--plain-to-terminal'], '', true);
    expect(asked.code).toBe(0);
    expect(asked.stdout.trim().split('\n').map((line) => parseOtpauthUri(line).secret)).toEqual(['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ']);
  });
});

describe('recover --from-file', () => {
  test('a new PC restored from the backup file: the same accounts in order, codes equal oathtool, the device-bound one marked', async () => {
    const oldPc = await pcWithAccounts();
    const file = path.join(fresh(), 'backup.json');
    expect((await cli(oldPc, ['export', '--format', 'backup', '--out', file, '--password-stdin'], PASSWORD)).code).toBe(0);

    const newPc = fresh();
    const wrong = await cli(newPc, ['recover', '--from-file', file, '--password-stdin'], 'not the right password\n');
    expect(wrong.code).toBe(2);
    const damaged = Buffer.from(readFileSync(file));
    damaged[damaged.length - 30] = damaged[damaged.length - 30] === 0x41 ? 0x42 : 0x41;
    const damagedFile = path.join(fresh(), 'damaged.json');
    execFileSync('sh', ['-c', `cat > '${damagedFile}'`], { input: damaged });
    expect((await cli(newPc, ['recover', '--from-file', damagedFile, '--password-stdin'], PASSWORD)).code).toBe(2);
    expect(JSON.parse((await cli(newPc, ['list', '--json'])).stdout)).toEqual([]);

    const restored = await cli(newPc, ['recover', '--from-file', file, '--password-stdin'], PASSWORD);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Restored 3 account\(s\)[\s\S]*Action required: Microsoft, alice@outlook\.com/);
    const list = JSON.parse((await cli(newPc, ['list', '--json'])).stdout) as { issuer: string; needsVerification: boolean }[];
    expect(list.map((a) => [a.issuer, a.needsVerification])).toEqual([['GitHub', false], ['Bank', false], ['Microsoft', true]]);
    const at = 1_800_000_000;
    expect(JSON.parse((await cli(newPc, ['code', 'GitHub', '--at', String(at), '--json'])).stdout).code).toBe(oathtool('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', at));
    expect(JSON.parse((await cli(newPc, ['code', 'Bank', '--at', String(at), '--json'])).stdout).code).toBe(execFileSync('oathtool', ['--totp=sha256', '-b', '--digits=8', '-N', `@${at}`, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'], { encoding: 'utf8' }).trim());

    // Again onto the PC that now has the accounts: a full restore is refused, --merge adds nothing new.
    expect((await cli(newPc, ['recover', '--from-file', file, '--password-stdin'], PASSWORD)).code).toBe(2);
    const merged = await cli(newPc, ['recover', '--from-file', file, '--password-stdin', '--merge'], PASSWORD);
    expect(merged.stdout).toContain('Added 0 account(s) from the backup file; 3 were already here.');
  });
});
