import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AccountsService } from '../core/accounts/accounts-service.js';
import { osKeychainKeyStore } from '../core/keystore/os-keychain-key-store.js';
import { Vault } from '../core/vault/vault.js';
import { runCli } from './run-cli.js';

// The command-line tool on a vault with the app lock on, in-process, on the real OS keychain (scripts/with-keyring.sh).

const PASSWORD = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXP';

async function cli(dataDir: string, args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => stdin });
  return { code, stdout, stderr };
}
const oathtool = (at: number) => execFileSync('oathtool', ['--totp', '-b', '-N', `@${at}`, SECRET], { encoding: 'utf8' }).trim();

async function lockedVault(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-lock-'));
  // The lock's scrypt cost is read from the file, so a lower one here only makes the test quicker.
  const vault = new Vault(dir, osKeychainKeyStore(), { lockKdfCost: { n: 2 ** 12, r: 8, p: 1 } });
  await new AccountsService(vault).addFromUri(`otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`);
  await vault.changeLock(null, { on: true, password: PASSWORD });
  return dir;
}

describe('the command-line tool with the app lock on', () => {
  test('code with the right password on standard input prints oathtool’s code', async () => {
    const dir = await lockedVault();
    const result = await cli(dir, ['code', 'Example', '--at', '1111111109', '--password-stdin'], `${PASSWORD}\n`);
    expect(result).toEqual({ code: 0, stdout: `${oathtool(1_111_111_109)}\n`, stderr: '' });
  });

  test('every vault command without --password-stdin exits 2 with one line saying so, and changes nothing', async () => {
    const dir = await lockedVault();
    for (const args of [['code', 'Example'], ['list'], ['add', 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP'], ['remove', 'whatever'], ['restore-previous']]) {
      const result = await cli(dir, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('authenticator: the app lock is on: give the lock password on standard input with --password-stdin.\n');
    }
    const list = await cli(dir, ['list', '--json', '--password-stdin'], PASSWORD);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBe(1);
  });

  test('a wrong password exits 2; add - reads the links after the password line', async () => {
    const dir = await lockedVault();
    const wrong = await cli(dir, ['list', '--password-stdin'], 'not it\n');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('authenticator: That is not the lock password.\n');
    const added = await cli(dir, ['add', '-', '--password-stdin'], `${PASSWORD}\notpauth://totp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Bank\n`);
    expect(added.code).toBe(0);
    const names = await cli(dir, ['list', '--json', '--password-stdin'], `${PASSWORD}\n`);
    expect((JSON.parse(names.stdout) as { name: string }[]).map((a) => a.name)).toEqual(['alice', 'bob']);
    // The vault is still locked for the next process: the lock is kept through the tool's writes.
    expect(await new Vault(dir, osKeychainKeyStore()).lockIsOn()).toBe(true);
  });
});
