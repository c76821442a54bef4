import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../vault/atomic-file.js';

/** A file an export made, and the name main suggests for it. */
export interface FileToSave {
  bytes: Buffer;
  suggestedName: string;
}

/** Where it went, or that the person cancelled (nothing written). */
export type SaveOutcome = { saved: true; path: string } | { saved: false };

/**
 * The host's "save a file": the page never names a path (a compromised page could otherwise write anywhere the user
 * can). The Electron app asks with the system's save dialog (main/electron/save-file-dialog.ts); the browser harness
 * writes into its exports folder and reports the path. Either way the write is atomic and the file's mode is 0600.
 */
export interface SaveFilePort {
  save(file: FileToSave): Promise<SaveOutcome>;
}

/** Nowhere to save (a core built without a host port): every save is refused as cancelled. */
export const nowhereToSave: SaveFilePort = { save: async () => ({ saved: false }) };

/**
 * The harness's save: into `dir` (made 0700 if missing) under the suggested name, with " (2)", " (3)"... before the
 * extension when that name is taken, so an earlier export is never replaced.
 */
export function folderSaveFile(dir: string): SaveFilePort {
  return {
    async save({ bytes, suggestedName }) {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const { name, ext } = path.parse(path.basename(suggestedName));
      for (let n = 1; ; n++) {
        const target = path.join(dir, n === 1 ? `${name}${ext}` : `${name} (${n})${ext}`);
        const taken = await fs.access(target).then(() => true, () => false);
        if (taken) continue;
        await writeFileAtomic(target, bytes);
        return { saved: true, path: target };
      }
    },
  };
}
