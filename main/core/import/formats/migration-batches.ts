import type { ImportEntry } from '../import-format.js';
import { unsupportedEntry } from '../import-entry.js';
import { readMigrationUri, type MigrationBatch } from '../google-migration.js';

/**
 * Google Authenticator exports split over several QR codes (batchIndex of batchSize, one batchId). Whatever order the
 * codes come in, each code's accounts are read once, and a code of the batch that is not there is said out loud
 * ("QR code 2 of 3 is missing"): the accounts on it would otherwise be lost without a word.
 */
export class MigrationBatches {
  private readonly seen = new Map<number, { size: number; indexes: Set<number> }>();

  /** The accounts of one export link, or none when this very code was read already (the same picture twice). */
  read(link: string): ImportEntry[] {
    const { entries, batch } = readMigrationUri(link);
    if (!this.note(batch)) return [];
    return entries.map((entry) =>
      entry.ok ? { status: 'usable', ...entry.draft } : unsupportedEntry(entry.issuer, entry.name, entry.error.message),
    );
  }

  notices(): string[] {
    const notices: string[] = [];
    for (const { size, indexes } of this.seen.values()) {
      const missing = Array.from({ length: size }, (_, i) => i).filter((i) => !indexes.has(i));
      for (const index of missing) {
        notices.push(`QR code ${index + 1} of ${size} of a Google Authenticator export is missing: its accounts are not in this import. Add its picture too.`);
      }
    }
    return notices;
  }

  private note({ id, index, size }: MigrationBatch): boolean {
    const batch = this.seen.get(id) ?? { size, indexes: new Set<number>() };
    this.seen.set(id, batch);
    batch.size = Math.max(batch.size, size);
    if (batch.indexes.has(index)) return false;
    batch.indexes.add(index);
    return true;
  }
}
