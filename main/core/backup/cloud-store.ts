import { AppError } from '../../../shared/errors.js';

/**
 * Files in the recovery account's app folder, as the backup service needs them. The OneDrive adapter implements
 * it on the Graph client; unit tests of the sync engine use an in-memory one.
 * Failures are AppErrors: network (after retries), signInRequired (after one forced token refresh),
 * cloudStorageFull, cloudConflict (If-Match failed: someone else wrote first).
 */
export interface CloudFile {
  bytes: Buffer;
  /** The version tag to pass back as `ifMatch` so a write never silently replaces someone else's. */
  eTag: string;
  lastModified: string;
}

export interface CloudStore {
  /** The file, or null when it does not exist. */
  read(name: string): Promise<CloudFile | null>;
  /** The file's eTag alone (no download), or null when it does not exist: the cheap periodic check. */
  version(name: string): Promise<string | null>;
  /**
   * Writes the file only if it is still at `ifMatch` (an eTag), or, with `ifMatch: null`, only if it does not
   * exist yet. Returns the new eTag; fails with cloudConflict otherwise.
   */
  write(name: string, bytes: Buffer, ifMatch: string | null): Promise<{ eTag: string }>;
  /** Deletes the file; resolves also when it did not exist. */
  remove(name: string): Promise<void>;
}

/**
 * OneDrive asked the app to wait (429 or 503, usually with Retry-After) for longer than is worth waiting inside one
 * request: the backup reports it at once and tries again after `retryAfterMs` (null: OneDrive named no time).
 */
export class CloudBusyError extends AppError {
  constructor(readonly retryAfterMs: number | null) {
    super('cloudBusy', 'OneDrive asked the app to wait before backing up again (it limits how often apps may write, or is busy). Nothing on this PC was changed.');
  }
}
