import { AppError } from '../../../../shared/errors.js';
import type { CloudFile, CloudStore } from '../cloud-store.js';

/**
 * An app folder in memory with OneDrive's write rules (eTags, If-Match, create-only), for unit tests of the sync
 * engine. `failNext` makes the next calls fail with a given error; `beforeWrite` lets a test act as a second PC
 * writing between our read and our write.
 */
export class MemoryCloudStore implements CloudStore {
  readonly files = new Map<string, CloudFile>();
  private eTagCounter = 0;
  private failures: AppError[] = [];
  beforeWrite: (() => void) | undefined;
  writes = 0;
  reads = 0;
  versions = 0;

  failNext(...errors: AppError[]): void {
    this.failures.push(...errors);
  }

  async read(name: string): Promise<CloudFile | null> {
    this.maybeFail();
    this.reads++;
    const file = this.files.get(name);
    return file ? { ...file, bytes: Buffer.from(file.bytes) } : null;
  }

  async version(name: string): Promise<string | null> {
    this.maybeFail();
    this.versions++;
    return this.files.get(name)?.eTag ?? null;
  }

  async write(name: string, bytes: Buffer, ifMatch: string | null): Promise<{ eTag: string }> {
    this.maybeFail();
    const hook = this.beforeWrite;
    this.beforeWrite = undefined;
    hook?.();
    const current = this.files.get(name);
    if (ifMatch === null ? current !== undefined : current?.eTag !== ifMatch) {
      throw new AppError('cloudConflict', 'The backup in OneDrive was changed by another PC at the same moment.');
    }
    return { eTag: this.put(name, bytes) };
  }

  async remove(name: string): Promise<void> {
    this.maybeFail();
    this.files.delete(name);
  }

  /** Writes as another PC would, unconditionally; returns the new eTag. */
  put(name: string, bytes: Buffer): string {
    const eTag = `"{item},${++this.eTagCounter}"`;
    this.writes++;
    this.files.set(name, { bytes: Buffer.from(bytes), eTag, lastModified: new Date().toISOString() });
    return eTag;
  }

  private maybeFail(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}
