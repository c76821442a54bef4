import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors.js';
import type { ImportOpened, ImportPreview, ImportProgress, ImportReport } from '../../../shared/import.js';
import type { AccountsService } from '../accounts/accounts-service.js';
import { classifyEntries, type ClassifiedEntry } from './classify-entries.js';
import type { DecryptRunner } from './decrypt-off-thread.js';
import { detectFormat, type NamedFile } from './detect-format.js';
import { importFormats } from './formats/index.js';
import type { ImportEntry, ImportFormat, KdfCost } from './import-format.js';

/** Ente asks for up to 1 GiB; more than that is refused before any work. */
export const DEFAULT_KDF_MEMORY_CAP = 1024 * 1024 * 1024;
/**
 * PBKDF2 costs time, not memory: a file naming a huge count would run until Cancel. The apps we read use 10,000
 * (2FAS) to 600,000 (Bitwarden's default; its settings go to 2,000,000; andOTP 140,000-160,000); 10,000,000 is
 * far above them all and takes about 10 s of PBKDF2-SHA256 here. More is refused before any work.
 */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** Sessions not finished within this time are forgotten, with the secrets they hold. */
const SESSION_MS = 15 * 60_000;
const MAX_SESSIONS = 4;

export interface ImportServiceOptions {
  accounts: AccountsService;
  formats?: readonly ImportFormat[];
  memoryCapBytes?: number;
  decrypt: DecryptRunner;
  onProgress?: (progress: ImportProgress) => void;
  now?: () => number;
}

interface Session {
  format: ImportFormat;
  startedAt: number;
  /** Until unlocked: the encrypted file and its cost. */
  locked: { file: NamedFile; cost: KdfCost } | null;
  /** What the reader gave, in file order. */
  read: ImportEntry[];
  /** The same, as the last preview classified them against the accounts here. */
  entries: ClassifiedEntry[];
  notices: string[];
  abort: AbortController;
}

/**
 * The import pipeline, the same for every format and every host: detect the format by content, read, ask for the
 * password of an encrypted file and decrypt it in a worker (after checking its KDF against the memory cap), classify
 * every entry against the accounts here, and add the ticked ones in one vault write. Secrets stay in the session.
 */
export class ImportService {
  private readonly sessions = new Map<string, Session>();
  private readonly formats: readonly ImportFormat[];
  private readonly cap: number;
  private readonly decrypt: DecryptRunner;
  private readonly now: () => number;

  constructor(private readonly options: ImportServiceOptions) {
    this.formats = options.formats ?? importFormats;
    this.cap = options.memoryCapBytes ?? DEFAULT_KDF_MEMORY_CAP;
    this.decrypt = options.decrypt;
    this.now = options.now ?? Date.now;
  }

  async open(files: readonly NamedFile[]): Promise<ImportOpened> {
    const format = detectFormat(files, this.formats);
    const read = files.length > 1 ? format.readMany!(files) : format.read(files[0]!.bytes, files[0]!.text);
    if (read.encrypted) {
      checkCost(read.file.cost, this.cap);
      const session = this.start({ format, locked: { file: files[0]!, cost: read.file.cost }, read: [], notices: [] });
      return { stage: 'password', session, format: { id: format.id, name: format.name }, kdf: read.file.cost.name };
    }
    const session = this.start({ format, locked: null, read: read.entries, notices: read.notices ?? [] });
    return { stage: 'preview', preview: await this.preview(session) };
  }

  /** Decrypts with `password`; a wrong one keeps the session, so the person can try again. */
  async unlock(token: string, password: string): Promise<ImportPreview> {
    const session = this.session(token);
    if (!session.locked) return this.preview(token);
    const { file, cost } = session.locked;
    const progress = (fraction: number | null, done: boolean) => this.options.onProgress?.({ session: token, kdf: cost.name, fraction, done });
    progress(null, false);
    try {
      session.read = await this.decrypt({ formatId: session.format.id, bytes: file.bytes, text: file.text, password }, (f) => progress(f, false), session.abort.signal);
    } finally {
      progress(1, true);
    }
    session.locked = null;
    return this.preview(token);
  }

  /** The preview again, classified against the accounts here now. */
  async refresh(token: string): Promise<ImportPreview> {
    const session = this.session(token);
    if (session.locked) throw new AppError('invalidRequest', 'Enter the file’s password first.');
    return this.preview(token);
  }

  /**
   * Adds the ticked entries (ids from the preview) in the file's order, in one write. Unticked new entries are reported
   * as left out; entries that became duplicates meanwhile as duplicates. The session ends. `dryRun` writes nothing.
   */
  async commit(token: string, ticked: readonly string[], { dryRun = false } = {}): Promise<ImportReport> {
    const session = this.session(token);
    if (session.locked) throw new AppError('invalidRequest', 'Enter the file’s password first.');
    const chosen = new Set(ticked);
    for (const id of chosen) {
      const entry = session.entries.find((e) => e.view.id === id);
      if (!entry || entry.draft === null) throw new AppError('invalidRequest', `Entry ${id} cannot be imported.`);
    }
    const report: ImportReport = { imported: [], duplicates: [], skipped: [] };
    const toAdd = session.entries.filter((e) => chosen.has(e.view.id));
    // A dry run reports what the write would do (no ids yet), as classified against the accounts here now.
    const { added, duplicates } =
      toAdd.length === 0 || dryRun
        ? { added: toAdd.map(({ draft }) => ({ id: null, issuer: draft!.issuer, name: draft!.name, type: draft!.otp.type, pinned: draft!.pinned })), duplicates: [] }
        : await this.options.accounts.addImported(toAdd.map((e) => e.draft!)).then((r) => ({ ...r, added: r.added.map((a) => ({ id: a.id, issuer: a.issuer, name: a.name, type: a.otp.type, pinned: a.pinned })) }));
    report.imported = added;
    const lateDuplicates = new Set(duplicates);
    for (const { view, draft } of session.entries) {
      if (chosen.has(view.id) && !(draft && lateDuplicates.has(draft))) continue;
      if (view.status === 'notImportable') report.skipped.push({ issuer: view.issuer, name: view.name, reason: view.reason ?? '' });
      else if (view.status === 'duplicate' || (draft && lateDuplicates.has(draft))) report.duplicates.push({ issuer: view.issuer, name: view.name });
      else report.skipped.push({ issuer: view.issuer, name: view.name, reason: view.status === 'sameName' ? `Left out (not ticked): ${view.reason ?? ''}` : 'Left out (not ticked).' });
    }
    this.sessions.delete(token);
    return report;
  }

  /** Forgets the session and ends a decryption still running. */
  cancel(token: string): void {
    const session = this.sessions.get(token);
    if (!session) return;
    session.abort.abort();
    this.sessions.delete(token);
  }

  /** Ends every session (the core is shutting down). */
  dispose(): void {
    for (const token of [...this.sessions.keys()]) this.cancel(token);
  }

  private async preview(token: string): Promise<ImportPreview> {
    const session = this.session(token);
    session.entries = classifyEntries(session.read, await this.options.accounts.storedAccounts());
    return { session: token, format: { id: session.format.id, name: session.format.name }, entries: session.entries.map((e) => e.view), notices: session.notices };
  }

  private start(fields: Omit<Session, 'startedAt' | 'abort' | 'entries'>): string {
    this.expire();
    while (this.sessions.size >= MAX_SESSIONS) this.cancel(this.sessions.keys().next().value!);
    const token = randomBytes(16).toString('base64url');
    this.sessions.set(token, { ...fields, entries: [], startedAt: this.now(), abort: new AbortController() });
    return token;
  }

  private session(token: string): Session {
    this.expire();
    const session = this.sessions.get(token);
    if (!session) throw new AppError('invalidRequest', 'This import has ended or timed out. Open the file again.');
    return session;
  }

  private expire(): void {
    for (const [token, session] of this.sessions) if (this.now() - session.startedAt > SESSION_MS) this.cancel(token);
  }
}

function checkCost(cost: KdfCost, cap: number): void {
  if (cost.pbkdf2Iterations !== undefined && cost.pbkdf2Iterations > MAX_PBKDF2_ITERATIONS) {
    throw new AppError(
      'kdfTooCostly',
      `This file's password protection (${cost.name}) asks for ${count(cost.pbkdf2Iterations)} iterations, more than the ${count(MAX_PBKDF2_ITERATIONS)} this app allows. Export it again from the other app with default settings.`,
    );
  }
  if (cost.memoryBytes > cap) {
    throw new AppError(
      'kdfTooCostly',
      `This file's password protection (${cost.name}) needs ${mib(cost.memoryBytes)} of memory, more than the ${mib(cap)} this app allows. Export it again from the other app with default settings.`,
    );
  }
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function mib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.ceil(bytes / 1024 ** 2)} MiB`;
}
