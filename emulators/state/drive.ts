import { randomUUID } from 'node:crypto';
import type { EmulatedUser } from './users.js';

/** OneDrive's free personal plan. */
export const DEFAULT_QUOTA_BYTES = 5 * 1024 * 1024 * 1024;

export interface StoredFile {
  id: string;
  /** The name as first written; lookups ignore case, as OneDrive's do. */
  name: string;
  bytes: Buffer;
  /** Stable per item; with `version` it makes the eTag and cTag. */
  tag: string;
  version: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
}

/** Both change on every content write (OneDrive changes the cTag only when content changes; we only write content). */
export const eTagOf = (file: StoredFile): string => `"{${file.tag}},${file.version}"`;
export const cTagOf = (file: StoredFile): string => `"c:{${file.tag}},${file.version}"`;

/** One user's OneDrive: only its app folder holds files (Files.ReadWrite.AppFolder reaches nothing else). */
export class Drive {
  readonly driveId: string;
  readonly rootId: string;
  readonly appRootId: string;
  readonly createdDateTime = new Date().toISOString();
  quotaTotal = DEFAULT_QUOTA_BYTES;
  /** The app folder's own tag and version: a folder's eTag changes when its children do. */
  readonly appRootTag = randomUUID().toUpperCase();
  revision = 1;
  private readonly files = new Map<string, StoredFile>();
  private nextItem = 103;

  constructor(readonly owner: EmulatedUser) {
    // Personal drives are named by the account's CID and items by "CID!n", as OneDrive personal does.
    this.driveId = owner.kind === 'personal' ? owner.graphId : `b!${owner.objectId.replaceAll('-', '')}`;
    const prefix = this.driveId.toUpperCase();
    this.rootId = `${prefix}!101`;
    this.appRootId = `${prefix}!102`;
  }

  get(name: string): StoredFile | undefined {
    return this.files.get(name.toLowerCase());
  }

  byId(id: string): StoredFile | undefined {
    for (const file of this.files.values()) if (file.id.toLowerCase() === id.toLowerCase()) return file;
    return undefined;
  }

  list(): StoredFile[] {
    return [...this.files.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  used(): number {
    let total = 0;
    for (const file of this.files.values()) total += file.bytes.length;
    return total;
  }

  /** Whether writing `size` bytes to `name` fits the quota, counting the file it replaces as freed. */
  fits(name: string, size: number): boolean {
    return this.used() - (this.get(name)?.bytes.length ?? 0) + size <= this.quotaTotal;
  }

  write(name: string, bytes: Buffer): { file: StoredFile; created: boolean } {
    const now = new Date().toISOString();
    const existing = this.get(name);
    this.revision++;
    if (existing) {
      Object.assign(existing, { bytes: Buffer.from(bytes), version: existing.version + 1, lastModifiedDateTime: now });
      return { file: existing, created: false };
    }
    const file: StoredFile = {
      id: `${this.driveId.toUpperCase()}!${this.nextItem++}`,
      name,
      bytes: Buffer.from(bytes),
      tag: randomUUID().toUpperCase(),
      version: 1,
      createdDateTime: now,
      lastModifiedDateTime: now,
    };
    this.files.set(name.toLowerCase(), file);
    return { file, created: true };
  }

  delete(name: string): boolean {
    const deleted = this.files.delete(name.toLowerCase());
    if (deleted) this.revision++;
    return deleted;
  }

  /** OneDrive's "rename" conflict behaviour: "name 1.ext", "name 2.ext", ... */
  freeName(name: string): string {
    if (!this.get(name)) return name;
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 1; ; n++) {
      const candidate = `${stem} ${n}${ext}`;
      if (!this.get(candidate)) return candidate;
    }
  }
}

export class DriveStore {
  private readonly drives = new Map<string, Drive>();

  /** OneDrive creates a drive (and the app folder) on first use; so does the emulator. */
  of(user: EmulatedUser): Drive {
    let drive = this.drives.get(user.objectId);
    if (!drive) {
      drive = new Drive(user);
      this.drives.set(user.objectId, drive);
    }
    return drive;
  }

  remove(user: EmulatedUser): void {
    this.drives.delete(user.objectId);
  }

  clear(): void {
    this.drives.clear();
  }
}
