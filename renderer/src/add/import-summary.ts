import type { ImportResult } from '../../../shared/contract.js';

const accounts = (n: number) => `${n} ${n === 1 ? 'account' : 'accounts'}`;

/**
 * Which QR codes of each Google Authenticator export this dialog has imported (by the export's id), so the summary
 * can ask for the next one until every code of the export is in, in whatever order they were scanned.
 */
export class BatchProgress {
  private readonly seen = new Map<number, Set<number>>();

  /** Records an import; returns how many of its export's codes are in so far. */
  record(batch: NonNullable<ImportResult['batch']>): number {
    const indexes = this.seen.get(batch.id) ?? new Set<number>();
    indexes.add(batch.index);
    this.seen.set(batch.id, indexes);
    return indexes.size;
  }
}

/** The summary's first line, e.g. "QR 2 of 3: imported 4 accounts. Scan the next QR code." */
export function importHeadline(result: ImportResult, importedCodes: number): string {
  const { batch } = result;
  const count = accounts(result.accounts.length);
  if (batch === null) return `Imported ${count}.`;
  if (batch.size === 1) return `Imported ${count} from the Google Authenticator export.`;
  const head = `QR ${batch.index + 1} of ${batch.size}: imported ${count}.`;
  return importedCodes < batch.size ? `${head} Scan the next QR code.` : `${head} All ${batch.size} QR codes of this export are imported.`;
}

/** Whether the export has codes left to scan. */
export function moreToScan(result: ImportResult, importedCodes: number): boolean {
  return result.batch !== null && importedCodes < result.batch.size;
}
