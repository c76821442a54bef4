import lockfile from 'proper-lockfile';
import { AppError } from '../../../shared/errors.js';

/**
 * Serialises writers across processes (the app, the command-line tool, a second window), with proper-lockfile:
 * an atomic mkdir lock whose holder keeps its mtime fresh, so a lock left by a killed process goes stale and is
 * taken over after `staleMs` instead of blocking forever.
 */
export async function withFileLock<T>(lockTarget: string, work: () => Promise<T>, staleMs = 5000): Promise<T> {
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(lockTarget, {
      realpath: false,
      stale: staleMs,
      update: Math.floor(staleMs / 2),
      // A lock can only be "compromised" here if this process stalled longer than staleMs mid-write; the write
      // is atomic either way, so we note nothing rather than let proper-lockfile's default crash the app.
      onCompromised: () => undefined,
      retries: { retries: Math.ceil((staleMs * 3) / 100), factor: 1, minTimeout: 50, maxTimeout: 100, randomize: true },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') {
      throw new AppError('vaultBusy', 'Another copy of the app or the command-line tool is saving right now and did not finish. Try again in a moment.');
    }
    throw new AppError('storageError', `The data folder cannot be locked (${error instanceof Error ? error.message : String(error)}).`);
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
