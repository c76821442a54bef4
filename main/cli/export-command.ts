import { AppError } from '../../shared/errors.js';
import { accountLabel } from '../../shared/account-label.js';
import { buildExport, EXPORT_FORMATS, isPlainFormat, type ExportFormat } from '../core/export/build-export.js';
import { writeFileAtomic } from '../core/vault/atomic-file.js';
import type { Vault } from '../core/vault/vault.js';

export interface ExportOptions {
  format: string | undefined;
  ids: string | undefined;
  out: string | undefined;
  password: string | null;
  /** `--out -` to a terminal: only with this, since the plain formats print every secret. */
  plainToTerminal: boolean;
  stdoutIsTerminal: boolean;
  deviceName: string;
  appVersion: string;
  now: number;
}

export interface ExportOutcome {
  out: string;
  /** The file itself when written to standard output. */
  printed: Buffer | null;
  exported: number;
  leftOut: { issuer: string; name: string; reason: string }[];
}

/**
 * `export --format aegis|otpauth|backup [--ids a,b] --out FILE`: one export file, written atomically with mode 0600.
 * Encrypted formats take their password on standard input. Google's QR codes are drawn by the window only.
 */
export async function exportToFile(vault: Vault, options: ExportOptions): Promise<ExportOutcome> {
  const formats: readonly string[] = EXPORT_FORMATS.filter((f) => f !== 'google');
  if (options.format === undefined || !formats.includes(options.format)) {
    throw new AppError('invalidRequest', `export needs --format ${formats.join('|')} (Google Authenticator's QR codes are shown by the app's window).`);
  }
  const format = options.format as ExportFormat;
  if (!options.out) throw new AppError('invalidRequest', 'export needs --out FILE (or --out - for standard output).');
  if (!isPlainFormat(format) && options.password === null) {
    throw new AppError('invalidRequest', `A ${format} export is encrypted: give its password on standard input with --password-stdin.`);
  }
  if (options.out === '-' && options.stdoutIsTerminal && isPlainFormat(format) && !options.plainToTerminal) {
    throw new AppError('invalidRequest', 'This would print every secret to the terminal (and its scrollback). Write it to a file with --out FILE, or add --plain-to-terminal if you mean it.');
  }
  const ids = options.ids === undefined ? undefined : options.ids.split(',').map((id) => id.trim()).filter(Boolean);
  const { data } = await vault.read();
  const built = await buildExport(data, { format, ids, password: options.password ?? undefined }, options);
  const bytes = built.file!.bytes;
  if (options.out === '-') return { out: '-', printed: bytes, exported: built.exported, leftOut: built.leftOut };
  await writeFileAtomic(options.out, bytes);
  return { out: options.out, printed: null, exported: built.exported, leftOut: built.leftOut };
}

export function describeExport(outcome: ExportOutcome): string {
  const lines = [`Exported ${outcome.exported} account(s)${outcome.out === '-' ? '' : ` to ${outcome.out}`}.`];
  for (const entry of outcome.leftOut) lines.push(`  Left out: ${accountLabel(entry)}: ${entry.reason}.`);
  return `${lines.join('\n')}\n`;
}
