import { fileURLToPath } from 'node:url';

/**
 * The decryption worker's source file, for the hosts that run TypeScript through tsx (the command-line tool, the
 * browser harness) and for tests. The Electron build bundles it as decrypt-worker.cjs and passes that path instead.
 */
export const SOURCE_DECRYPT_WORKER = fileURLToPath(new URL('./decrypt-worker.ts', import.meta.url));
