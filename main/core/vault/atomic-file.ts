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
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`); // see tempFileOf
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

/**
 * Whether `name` is a temporary file this module makes while writing `target` (or keeping its `previous`): the
 * names writeFileAtomic and keepPrevious give them, and nothing else, so a person's own `*.tmp` is never touched.
 */
export function isTempFileOf(name: string, target: string): boolean {
  const base = escapeRegExp(path.basename(target));
  return new RegExp(`^\\.${base}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`).test(name) || new RegExp(`^${base}\\.\\d+\\.tmp$`).test(name);
}

/**
 * Removes the temporary files that writers of these `targets` left when killed mid-write, and no other file. Call
 * while holding the lock that guards the targets.
 */
export async function removeStaleTempFiles(dir: string, targets: readonly string[]): Promise<void> {
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (targets.some((target) => isTempFileOf(name, target))) await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
