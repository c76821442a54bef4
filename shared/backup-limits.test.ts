import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_BYTES } from './backup-limits.js';
import { methods } from './contract.js';

// The window sends a backup file as base64: the contract takes a file of the largest size main reads, and refuses one
// so much larger that its base64 cannot be such a file.
describe('the backup size limit across the contract', () => {
  const request = (bytes: number) => methods.recoveryOpenFile.request.safeParse({ contentBase64: Buffer.alloc(bytes, 0xa5).toString('base64') }).success;

  it('lets a file of MAX_BACKUP_BYTES through and refuses one a base64 group (3 bytes) and more past it', () => {
    expect(MAX_BACKUP_BYTES).toBe(16 * 1024 * 1024);
    expect(request(MAX_BACKUP_BYTES)).toBe(true);
    expect(request(MAX_BACKUP_BYTES + 6)).toBe(false);
  });
});
