import { AppError } from '../../../shared/errors.js';
import { passwordStrength, weakPasswordMessage } from '../../../shared/password-strength.js';
import type { VaultData } from '../vault/vault-data.js';
import { writeAegisVault } from './aegis-export.js';
import { writeBackupFile } from './backup-file-export.js';
import { selectForExport, type LeftOut } from './export-selection.js';
import { writeTransferCodes } from './google-transfer.js';
import { writeOtpauthList } from './otpauth-list.js';

/** What a person can export to: files (encrypted or plain) and QR codes drawn in the window. */
export const EXPORT_FORMATS = ['aegis', 'backup', 'otpauth', 'google'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Plain formats: anyone holding the file or seeing the codes can make every code in it. */
export function isPlainFormat(format: ExportFormat): boolean {
  return format === 'otpauth' || format === 'google';
}

export interface ExportRequest {
  format: ExportFormat;
  /** Chosen accounts; all when absent. */
  ids?: readonly string[] | undefined;
  /** The file's own password, for the encrypted formats; strength is enforced here, in main. */
  password?: string | undefined;
}

export interface BuiltExport {
  /** The file (aegis, backup, otpauth); absent for QR codes. */
  file?: { bytes: Buffer; suggestedName: string };
  /** The transfer links to draw as QR codes (google); never written to disk. */
  links?: string[];
  exported: number;
  leftOut: LeftOut[];
}

export interface ExportContext {
  deviceName: string;
  appVersion: string;
  now: number;
}

/**
 * Builds one export from the vault's contents. Never device-bound accounts or accounts that need verification
 * (the backup file alone carries device-bound ones, marked and without their secret, as the cloud backup does, so a
 * recovery from it shows them as "Action required"). Nothing to export is an error, not an empty file.
 */
export async function buildExport(data: VaultData, request: ExportRequest, context: ExportContext): Promise<BuiltExport> {
  if (request.ids !== undefined) {
    const known = new Set(data.accounts.map((account) => account.id));
    const unknown = request.ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new AppError('accountNotFound', `${unknown.length === 1 ? 'An account' : `${unknown.length} accounts`} chosen for export no longer exist${unknown.length === 1 ? 's' : ''}; choose again.`);
  }
  const { accounts, leftOut } = selectForExport(data.accounts, request.ids);
  const date = new Date(context.now).toISOString().slice(0, 10);

  if (request.format === 'backup') {
    const password = newFilePassword(request.password);
    const chosen = request.ids === undefined ? data.accounts : data.accounts.filter((a) => request.ids!.includes(a.id));
    if (chosen.length === 0) throw nothingToExport();
    const bytes = await writeBackupFile(data, password, context, request.ids);
    const bound = chosen.filter((a) => a.deviceBound || a.needsVerification);
    const marked = bound.map((a) => ({ id: a.id, issuer: a.issuer, name: a.name, reason: 'in the file without its secret, to be set up again after a restore (as in the cloud backup)' }));
    return { file: { bytes, suggestedName: `authenticator-backup-${date}.json` }, exported: chosen.length - bound.length, leftOut: marked };
  }
  if (accounts.length === 0) throw nothingToExport(leftOut.length);
  switch (request.format) {
    case 'aegis': {
      const bytes = await writeAegisVault(accounts, newFilePassword(request.password));
      return { file: { bytes, suggestedName: `aegis-export-${date}.json` }, exported: accounts.length, leftOut };
    }
    case 'otpauth':
      return { file: { bytes: writeOtpauthList(accounts), suggestedName: `otpauth-links-${date}.txt` }, exported: accounts.length, leftOut };
    case 'google': {
      const codes = writeTransferCodes(accounts);
      if (codes.links.length === 0) throw nothingToExport(leftOut.length + codes.leftOut.length);
      return { links: codes.links, exported: accounts.length - codes.leftOut.length, leftOut: [...leftOut, ...codes.leftOut] };
    }
  }
}

function newFilePassword(password: string | undefined): string {
  if (password === undefined || password === '') throw new AppError('invalidInput', 'Choose a password for the file.', 'password');
  const strength = passwordStrength(password);
  if (!strength.acceptable) throw new AppError('weakPassword', weakPasswordMessage(strength), 'password');
  return password;
}

function nothingToExport(leftOut = 0): AppError {
  return new AppError(
    'invalidInput',
    leftOut > 0 ? 'None of the chosen accounts can be exported in this format (see why for each).' : 'There are no accounts to export.',
  );
}
