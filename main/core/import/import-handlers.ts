import type { NamedFile } from './detect-format.js';
import { namedFile } from './detect-format.js';
import type { CoreContext, FeatureHandlers } from '../core-context.js';
import { AppError } from '../../../shared/errors.js';
import type { DecryptRunner } from './decrypt-off-thread.js';
import { workerDecrypt } from './decrypt-off-thread.js';
import { ImportService } from './import-service.js';

type Methods = 'importOpen' | 'importUnlock' | 'importPreview' | 'importCommit' | 'importCancel';

export interface ImportFeatureOptions {
  /** The decryption worker: the bundled .cjs (Electron) or sourceDecryptWorker() (tsx hosts). */
  workerFile?: string;
  /** Tests: decrypt in-process or with a fake. */
  decrypt?: DecryptRunner;
  memoryCapBytes?: number;
}

/** Import: the window hands over the file's bytes; everything else (detection, keys, secrets) happens here in main. */
export function importHandlers({ accounts, bus, onDispose }: CoreContext, options: ImportFeatureOptions = {}): FeatureHandlers<Methods> {
  const service = new ImportService({
    accounts,
    decrypt: options.decrypt ?? (options.workerFile ? workerDecrypt(options.workerFile) : noWorker),
    ...(options.memoryCapBytes === undefined ? {} : { memoryCapBytes: options.memoryCapBytes }),
    onProgress: (progress) => bus.emit('importProgress', progress),
  });
  onDispose(() => service.dispose());
  return {
    importOpen: async ({ files }) => service.open(files.map((f): NamedFile => namedFile(f.name, new Uint8Array(Buffer.from(f.data, 'base64'))))),
    importUnlock: async ({ session, password }) => service.unlock(session, password),
    importPreview: async ({ session }) => service.refresh(session),
    importCommit: async ({ session, entries }) => service.commit(session, entries),
    importCancel: async ({ session }) => {
      service.cancel(session);
      return null;
    },
  };
}

/** A host that wired no worker reads plain files only. */
const noWorker: DecryptRunner = () => Promise.reject(new AppError('notConfigured', 'Encrypted files cannot be imported here (no decryption worker).'));
