import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';

/**
 * Replaces `target` so that a crash at any instant leaves either the old or the new content, never a mix:
 * write a temporary file beside it, fsync it, keep the current file as `previous` (a hard link, so the
 * current name is never missing), rename over the target, fsync the folder.
 */
export async function writeFileAtomic(target: string, content: Buffer, previous?: string): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (previous) await keepPrevious(target, previous);
    await fs.rename(temp, target);
    await syncDirectory(dir);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw storageError(error);
  }
}

async function keepPrevious(target: string, previous: string): Promise<void> {
  const staging = `${previous}.${process.pid}.tmp`;
  try {
    await fs.rm(staging, { force: true });
    await fs.link(target, staging);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // first write: nothing to keep
    throw error;
  }
  await fs.rename(staging, previous);
}

/** Removes temporary files left by writers that were killed mid-write. Call while holding the lock. */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith('.tmp')) await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable. Windows cannot open a folder for fsync; there the rename is journaled by NTFS.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function storageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('storageFull', 'The disk is full, so the change was not saved. Free some space and try again; nothing was lost.');
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError('storageError', `The change could not be saved (${detail}). Nothing was lost; try again.`);
}
