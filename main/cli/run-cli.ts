import { parseArgs } from 'node:util';
import type { AccountView, SameNameChoice } from '../../shared/account.js';
import { accountLabel } from '../../shared/account-label.js';
import { AppError, type ErrorKind } from '../../shared/errors.js';
import { AccountKind } from '../../shared/otp.js';
import { AccountsService } from '../core/accounts/accounts-service.js';
import { currentCode } from '../core/accounts/current-code.js';
import { systemClock } from '../core/clock.js';
import { packageVersion } from '../core/package-version.js';
import { osKeychainKeyStore } from '../core/keystore/os-keychain-key-store.js';
import { defaultDataDir } from '../core/paths.js';
import { Vault } from '../core/vault/vault.js';
import { hostname } from 'node:os';
import { describeExport, exportToFile } from './export-command.js';
import { findAccount } from './find-account.js';
import { describeRecovery, recoverFromFile } from './recover-command.js';
import { describeInspected, inspectBackup } from './inspect-backup.js';
import { describeReport, importFiles } from './import-files.js';
import { escapeForTerminal, escapeLines } from './terminal-text.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Whether standard output is a terminal (a plain export is not printed there unless asked for). */
  stdoutIsTerminal?(): boolean;
}

const USAGE = `Usage: authenticator <command> [options]

Commands:
  add -                      read links from standard input, one per line (all or nothing);
                             the way to give a secret: arguments show in ps and shell history
  add <otpauth-link>...      add accounts from links given as arguments
      [--kind microsoftPersonal|workOrSchool|other] [--device-bound]
                             --device-bound: tied to this PC, never backed up with its secret
      [--same-name second|replace]
                             when an account here has the same issuer and name but another
                             setup key: add it as a second account, or put the new key in
                             the old one's place (without it nothing is added, exit 2)
  list                       list accounts in display order
  code <id or search>        print the current code  [--at <unix-seconds>]
  next <id>                  HOTP: move to the next counter and print its code
  rename <id> [--issuer X] [--name Y]
  remove <id>                delete an account
  move <id> --to <index>     move an account to a position (0 = first)
  restore-previous           put back the previous vault version after damage
  inspect-backup <file>      describe a cloud backup file; with --password-stdin, list
                             its accounts (the password is read from standard input)
  export --format aegis|otpauth|backup --out FILE [--ids ID,ID]
                             export accounts (never device-bound ones) to a file (mode 0600);
                             aegis and backup are encrypted: --password-stdin gives the password;
                             --out - writes to standard output (a plain export to a terminal
                             only with --plain-to-terminal)
  recover --from-file FILE --password-stdin [--merge]
                             restore this PC from a backup file (Export > Backup file); a full
                             restore needs a PC without accounts, --merge adds what is missing
  import <file>...           import another app's export (Aegis, 2FAS, Bitwarden, otpauth
                             link lists; several Google Authenticator QR pictures at once):
                             every new account is added in one write, duplicates skipped
      [--password-stdin]     the export's password, read from standard input
      [--dry-run]            only report what would be imported
      [--same-name second]   also import entries named like an account here (another key)

With the app lock on, every command but inspect-backup needs --password-stdin: the lock
password is the first line of standard input (for "add -", the links follow it).

Options:
  --data-dir <dir>           the app's data folder (default: ${defaultDataDir()})
  --json                     machine-readable output
  --clock-offset <seconds>   add this to the computer's clock for every code (positive when
                             the clock is behind, as the app's banner says; negative:
                             --clock-offset=-90); not with --at
  -h, --help                 show this help

No command ever prints a secret.
`;

/** Exit codes: 0 done, 1 could not be done (storage, keychain), 2 bad input or usage. */
const INPUT_ERRORS: ReadonlySet<ErrorKind> = new Set(['weakPassword', 'conflictExistingAccounts', 'invalidInput', 'invalidRequest', 'duplicateAccount', 'sameNameAccount', 'accountNotFound', 'ambiguousAccount', 'needsVerification', 'wrongPassword', 'backupDamaged', 'backupTooNew', 'locked', 'unknownFormat', 'damagedFile', 'kdfTooCostly', 'ownBackupFile']);

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
        'clock-offset': { type: 'string' },
        to: { type: 'string' },
        issuer: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        'device-bound': { type: 'boolean', default: false },
        'same-name': { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        format: { type: 'string' },
        ids: { type: 'string' },
        out: { type: 'string' },
        'plain-to-terminal': { type: 'boolean', default: false },
        'from-file': { type: 'string' },
        merge: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    const lines = (error instanceof Error ? error.message : String(error)).split('\n');
    // "--clock-offset -90": Node's own hint (write --clock-offset=-90) is its last line; the rest is noise.
    const message = escapeForTerminal((lines[0]?.endsWith('argument is ambiguous.') ? `${lines[0]} ${lines.at(-1)}` : lines[0]) ?? '');
    io.stderr(`authenticator: ${message} Run with --help for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.stderr : io.stdout)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }

  // Plain text is built from escaped values (label, table, describeInspected); JSON is escaped line by line, which
  // touches only string contents (JSON.stringify writes no raw line break inside a string) and keeps it valid JSON.
  const out = (plain: string, json: unknown) =>
    io.stdout(values.json ? `${JSON.stringify(json, null, 2).split('\n').map(escapeForTerminal).join('\n')}\n` : plain);
  const usage = (message: string) => new AppError('invalidRequest', message);

  // Standard input is read once: with the lock on and --password-stdin, its first line is the lock password.
  let stdin: Promise<string> | undefined;
  const readStdin = () => (stdin ??= io.readStdin());

  try {
    // The app measures its offset from Microsoft's answers; the tool makes no requests, so it is told instead.
    const clock = systemClock(values['clock-offset'] === undefined ? 0 : parseClockOffset(values['clock-offset']));
    if (values['clock-offset'] !== undefined && values.at !== undefined) throw usage('--clock-offset corrects this computer\'s clock, which --at does not read: use one or the other.');
    const vault = new Vault(values['data-dir'] ?? defaultDataDir(), osKeychainKeyStore());
    const accounts = new AccountsService(vault, undefined, clock);

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
        const ifSameName = sameNameChoice(values['same-name'], ['second', 'replace']);
        const added = await accounts.addManyFromUris(links, { kind: kind.data, deviceBound: values['device-bound'], ifSameName });
        out(added.map((a) => `Added ${label(a)} as ${a.id}\n`).join(''), added.map(listEntry));
        return 0;
      }
      case 'list': {
        const list = await accounts.list();
        out(list.length === 0 ? 'No accounts yet. Add one with: authenticator add - (then paste its otpauth:// link)\n' : table(list), list.map(listEntry));
        return 0;
      }
      case 'code': {
        const query = single(args, 'code needs an account id or a search term.');
        const at = values.at === undefined ? clock.now() : parseUnixSeconds(values.at);
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
        out(`Renamed ${target.id} to ${label(renamed)}\n`, listEntry(renamed));
        return 0;
      }
      case 'remove': {
        const target = findAccount(await accounts.storedAccounts(), single(args, 'remove needs an account id.'), { exactId: true });
        await accounts.remove(target.id);
        out(`Removed ${label(target)} (${target.id})\n`, { id: target.id, removed: true });
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
      case 'import': {
        if (args.length === 0) throw usage('import needs the path of an export file (or several Google Authenticator QR pictures).');
        const password = values['password-stdin'] ? (await readStdin()).replace(/\r?\n$/, '') : null;
        const withSameName = sameNameChoice(values['same-name'], ['second']) === 'addSecond';
        const report = await importFiles(accounts, args, password, { dryRun: values['dry-run'], withSameName }, io);
        out(escapeLines(describeReport(report, values['dry-run'])), report);
        return 0;
      }
      case 'export': {
        if (args.length > 0) throw usage('export takes no positional arguments; use --format, --out and --ids.');
        const password = values['password-stdin'] ? (await readStdin()).replace(/\r?\n$/, '') : null;
        const exported = await exportToFile(vault, {
          format: values.format, ids: values.ids, out: values.out, password, plainToTerminal: values['plain-to-terminal'],
          stdoutIsTerminal: io.stdoutIsTerminal?.() ?? false, deviceName: hostname(), appVersion: packageVersion(), now: systemClock().now(),
        });
        if (exported.printed) io.stdout(exported.printed.toString('utf8'));
        const summary = { exported: exported.exported, leftOut: exported.leftOut };
        if (exported.printed) io.stderr(escapeLines(describeExport(exported)));
        else out(escapeLines(describeExport(exported)), summary);
        return 0;
      }
      case 'recover': {
        const file = values['from-file'];
        if (!file || args.length > 0) throw usage('recover needs --from-file FILE (a backup file) and --password-stdin.');
        if (!values['password-stdin']) throw usage('recover needs the backup file\'s password on standard input (--password-stdin).');
        const password = (await readStdin()).replace(/\r?\n$/, '');
        const summary = await recoverFromFile(vault, file, password, values.merge);
        out(escapeLines(describeRecovery(summary)), summary);
        return 0;
      }
      default:
        throw usage(`Unknown command "${command}". Run with --help for usage.`);
    }
  } catch (error) {
    if (error instanceof AppError) {
      const hint = error.kind === 'sameNameAccount' ? ' Run it again with --same-name second or --same-name replace.' : '';
      io.stderr(`authenticator: ${escapeForTerminal(error.message)}${hint}\n`);
      return INPUT_ERRORS.has(error.kind) ? 2 : 1;
    }
    io.stderr(`authenticator: unexpected failure: ${escapeForTerminal(error instanceof Error ? error.message : String(error))}\n`);
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

/** `--same-name`: the answer the window asks for when a new account is named like one here (main/core/accounts/same-name.ts). */
function sameNameChoice(value: string | undefined, allowed: readonly ('second' | 'replace')[]): SameNameChoice | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new AppError('invalidRequest', `--same-name must be ${allowed.join(' or ')} here (got "${value}").`);
  return value === 'second' ? 'addSecond' : 'replace';
}

function single(args: readonly string[], message: string): string {
  if (args.length !== 1 || args[0] === undefined) throw new AppError('invalidRequest', message);
  return args[0];
}

/** Seconds, whole or with up to three decimals, within a year either way; as ms. */
function parseClockOffset(text: string): number {
  const seconds = /^[+-]?\d{1,8}(\.\d{1,3})?$/.test(text) ? Number(text) : NaN;
  if (!(Math.abs(seconds) <= 366 * 86_400)) throw new AppError('invalidRequest', `--clock-offset must be a number of seconds within a year, e.g. 90 or -90 (got "${text}").`);
  return Math.round(seconds * 1000);
}

function parseUnixSeconds(text: string): number {
  if (!/^\d{1,12}$/.test(text)) throw new AppError('invalidRequest', `--at must be a time in whole seconds since 1970 (got "${text}").`);
  return Number(text) * 1000;
}

/** An account's label as the terminal may show it. */
function label(a: Pick<AccountView, 'id' | 'issuer' | 'name'>): string {
  return escapeForTerminal(accountLabel(a));
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
  const rows = list.map((a) => [a.id, escapeForTerminal(a.issuer) || '-', escapeForTerminal(a.name) || '-', a.otp.type.toUpperCase() + (a.needsVerification ? ' (action required)' : '')]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ') + '\n').join('');
}
