import { Worker } from 'node:worker_threads';
import { AppError, type AppErrorData } from '../../../shared/errors.js';
import type { ImportEntry } from './import-format.js';

export interface DecryptRequest {
  formatId: string;
  bytes: Uint8Array;
  text: string | null;
  password: string;
}

export type DecryptReply =
  | { kind: 'progress'; fraction: number }
  | { kind: 'done'; entries: ImportEntry[] }
  | { kind: 'error'; error: AppErrorData };

/** Decrypts an encrypted file: in a worker thread in the app, in-process where a test wants it. */
export type DecryptRunner = (request: DecryptRequest, onProgress: (fraction: number) => void, signal: AbortSignal) => Promise<ImportEntry[]>;

/**
 * A worker per file: it holds the password and the derived key only while it runs, and cancelling ends it at once
 * (even in the middle of a long derivation). Its heap is limited; the KDF's own memory was checked against the cap
 * before it started.
 */
export function workerDecrypt(workerFile: string): DecryptRunner {
  return (request, onProgress, signal) =>
    new Promise<ImportEntry[]>((resolve, reject) => {
      const worker = new Worker(workerFile, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: 512 } });
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', abort);
        void worker.terminate();
        outcome();
      };
      const abort = () => finish(() => reject(new AppError('notConfirmed', 'The import was cancelled.')));
      signal.addEventListener('abort', abort);
      worker.on('message', (reply: DecryptReply) => {
        if (reply.kind === 'progress') onProgress(reply.fraction);
        else if (reply.kind === 'done') finish(() => resolve(reply.entries));
        else finish(() => reject(AppError.from(reply.error)));
      });
      worker.on('error', (error) => finish(() => reject(new AppError('internal', `The decryption worker failed: ${error.message}`))));
      worker.on('exit', () => finish(() => reject(new AppError('internal', 'The decryption worker stopped before it finished.'))));
    });
}
