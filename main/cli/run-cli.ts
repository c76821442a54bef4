import { parseArgs } from 'node:util';
import type { AccountView } from '../../shared/account.js';
import { accountLabel } from '../../shared/account-label.js';
import { AppError, type ErrorKind } from '../../shared/errors.js';
import { AccountKind } from '../../shared/otp.js';
import { AccountsService } from '../core/accounts/accounts-service.js';
import { currentCode } from '../core/accounts/current-code.js';
import { systemClock } from '../core/clock.js';
import { osKeychainKeyStore } from '../core/keystore/os-keychain-key-store.js';
import { defaultDataDir } from '../core/paths.js';
import { Vault } from '../core/vault/vault.js';
import { findAccount } from './find-account.js';
import { describeInspected, inspectBackup } from './inspect-backup.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

const USAGE = `Usage: authenticator <command> [options]

Commands:
  add <otpauth-link>...      add accounts from links (all or nothing)
  add -                      read links from standard input, one per line
      [--kind microsoftPersonal|workOrSchool|other] [--device-bound]
                             --device-bound: tied to this PC, never backed up with its secret
  list                       list accounts in display order
  code <id or search>        print the current code  [--at <unix-seconds>]
  next <id>                  HOTP: move to the next counter and print its code
  rename <id> [--issuer X] [--name Y]
  remove <id>                delete an account
  move <id> --to <index>     move an account to a position (0 = first)
  restore-previous           put back the previous vault version after damage
  inspect-backup <file>      describe a cloud backup file; with --password-stdin, list
                             its accounts (the password is read from standard input)

With the app lock on, every command but inspect-backup needs --password-stdin: the lock
password is the first line of standard input (for "add -", the links follow it).

Options:
  --data-dir <dir>           the app's data folder (default: ${defaultDataDir()})
  --json                     machine-readable output
  -h, --help                 show this help

No command ever prints a secret.
`;

/** Exit codes: 0 done, 1 could not be done (storage, keychain), 2 bad input or usage. */
const INPUT_ERRORS: ReadonlySet<ErrorKind> = new Set(['invalidInput', 'invalidRequest', 'duplicateAccount', 'accountNotFound', 'ambiguousAccount', 'needsVerification', 'wrongPassword', 'backupDamaged', 'backupTooNew', 'locked']);

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        at: { type: 'string' },
        to: { type: 'string' },
        issuer: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        'device-bound': { type: 'boolean', default: false },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    io.stderr(`authenticator: ${message} Run with --help for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.stderr : io.stdout)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }

  const vault = new Vault(values['data-dir'] ?? defaultDataDir(), osKeychainKeyStore());
  const accounts = new AccountsService(vault);
  const out = (plain: string, json: unknown) => io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : plain);
  const usage = (message: string) => new AppError('invalidRequest', message);

  // Standard input is read once: with the lock on and --password-stdin, its first line is the lock password.
  let stdin: Promise<string> | undefined;
  const readStdin = () => (stdin ??= io.readStdin());

  try {
    if (command !== 'inspect-backup') {
      const rest = await unlockIfLocked(vault, values['password-stdin'], readStdin);
      if (rest !== null) stdin = Promise.resolve(rest);
    }
    switch (command) {
      case 'add': {
        const links = args.length === 1 && args[0] === '-' ? (await readStdin()).split(/\r?\n/).filter((l) => l.trim() !== '') : args;
        if (links.length === 0) throw usage('add needs at least one otpauth:// link (or - to read them from standard input).');
        const kind = AccountKind.safeParse(values.kind ?? 'other');
        if (!kind.success) throw usage(`--kind must be microsoftPersonal, workOrSchool or other (got "${values.kind}").`);
        const added = await accounts.addManyFromUris(links, { kind: kind.data, deviceBound: values['device-bound'] });
        out(added.map((a) => `Added ${accountLabel(a)} as ${a.id}\n`).join(''), added.map(listEntry));
        return 0;
      }
      case 'list': {
        const list = await accounts.list();
        out(list.length === 0 ? 'No accounts yet. Add one with: authenticator add <otpauth-link>\n' : table(list), list.map(listEntry));
        return 0;
      }
      case 'code': {
        const query = single(args, 'code needs an account id or a search term.');
        const at = values.at === undefined ? systemClock().now() : parseUnixSeconds(values.at);
        const code = currentCode(findAccount(await accounts.storedAccounts(), query), at);
        out(`${code.code}\n`, { id: code.id, code: code.code, validUntil: code.validUntil === null ? null : code.validUntil / 1000 });
        return 0;
      }
      case 'next': {
        const id = findAccount(await accounts.storedAccounts(), single(args, 'next needs an account id.'), { exactId: true }).id;
        const code = await accounts.nextHotpCode(id);
        out(`${code.code}\n`, { id: code.id, code: code.code, validUntil: null });
        return 0;
      }
      case 'rename': {
        const target = findAccount(await accounts.storedAccounts(), single(args, 'rename needs an account id.'), { exactId: true });
        if (values.issuer === undefined && values.name === undefined) throw usage('rename needs --issuer and/or --name.');
        const renamed = await accounts.rename(target.id, values.issuer ?? target.issuer, values.name ?? target.name);
        out(`Renamed ${target.id} to ${accountLabel(renamed)}\n`, listEntry(renamed));
        return 0;
      }
      case 'remove': {
        const target = findAccount(await accounts.storedAccounts(), single(args, 'remove needs an account id.'), { exactId: true });
        await accounts.remove(target.id);
        out(`Removed ${accountLabel(target)} (${target.id})\n`, { id: target.id, removed: true });
        return 0;
      }
      case 'move': {
        const target = findAccount(await accounts.storedAccounts(), single(args, 'move needs an account id.'), { exactId: true });
        if (values.to === undefined || !/^\d{1,6}$/.test(values.to)) throw usage('move needs --to <index>, a whole number (0 = first).');
        const order = await accounts.move(target.id, Number(values.to));
        out(table(order), order.map(listEntry));
        return 0;
      }
      case 'restore-previous': {
        const restored = await accounts.restorePrevious();
        out(`Restored the previous version: ${restored.length} account(s).\n`, restored.map(listEntry));
        return 0;
      }
      case 'inspect-backup': {
        const file = single(args, 'inspect-backup needs the path of a backup file.');
        const password = values['password-stdin'] ? (await readStdin()).replace(/\r?\n$/, '') : null;
        const inspected = await inspectBackup(file, password);
        out(describeInspected(inspected), inspected);
        return 0;
      }
      default:
        throw usage(`Unknown command "${command}". Run with --help for usage.`);
    }
  } catch (error) {
    if (error instanceof AppError) {
      io.stderr(`authenticator: ${error.message}\n`);
      return INPUT_ERRORS.has(error.kind) ? 2 : 1;
    }
    io.stderr(`authenticator: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/**
 * With the app lock on, opens the vault with the lock password from standard input's first line (exit 2 without it,
 * or with a wrong one). Returns what standard input holds after that line, or null when the lock is off.
 */
async function unlockIfLocked(vault: Vault, passwordStdin: boolean, readStdin: () => Promise<string>): Promise<string | null> {
  if (!(await vault.lockIsOn())) return null;
  if (!passwordStdin) throw new AppError('locked', 'the app lock is on: give the lock password on standard input with --password-stdin.');
  const input = await readStdin();
  const end = input.search(/\r?\n/);
  const password = end === -1 ? input : input.slice(0, end);
  await vault.unlock(password);
  return end === -1 ? '' : input.slice(end).replace(/^\r?\n/, '');
}

function single(args: readonly string[], message: string): string {
  if (args.length !== 1 || args[0] === undefined) throw new AppError('invalidRequest', message);
  return args[0];
}

function parseUnixSeconds(text: string): number {
  if (!/^\d{1,12}$/.test(text)) throw new AppError('invalidRequest', `--at must be a time in whole seconds since 1970 (got "${text}").`);
  return Number(text) * 1000;
}

function listEntry(a: AccountView) {
  return {
    id: a.id,
    issuer: a.issuer,
    name: a.name,
    kind: a.kind,
    type: a.otp.type,
    algorithm: a.otp.algorithm,
    digits: a.otp.digits,
    period: a.otp.period,
    counter: a.otp.counter,
    deviceBound: a.deviceBound,
    needsVerification: a.needsVerification,
  };
}

function table(list: readonly AccountView[]): string {
  const rows = list.map((a) => [a.id, a.issuer || '-', a.name || '-', a.otp.type.toUpperCase() + (a.needsVerification ? ' (action required)' : '')]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ') + '\n').join('');
}
