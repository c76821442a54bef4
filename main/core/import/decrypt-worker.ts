import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.js';
import { importFormats } from './formats/index.js';
import type { DecryptReply, DecryptRequest } from './decrypt-off-thread.js';

/**
 * Runs one encrypted file's key derivation and decryption, off the main thread: scrypt, PBKDF2 and Argon2 take
 * seconds and hundreds of MiB, which would freeze the window (and the code ticker) if run in main.
 */
const request = workerData as DecryptRequest;
const post = (reply: DecryptReply) => parentPort!.postMessage(reply);

async function run(): Promise<void> {
  const format = importFormats.find((f) => f.id === request.formatId);
  if (!format) throw new AppError('internal', `Unknown import format ${request.formatId}.`);
  const bytes = new Uint8Array(request.bytes);
  const read = format.read(bytes, request.text);
  if (!read.encrypted) throw new AppError('internal', 'The file is not encrypted.');
  const entries = await read.file.decrypt(request.password, (fraction) => post({ kind: 'progress', fraction }));
  post({ kind: 'done', entries });
}

run().catch((error: unknown) => {
  const data = error instanceof AppError ? error.toData() : { kind: 'damagedFile' as const, message: 'The file could not be decrypted: it is damaged.' };
  post({ kind: 'error', error: data });
});
