import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BackupProblem, RecoveryAccountView } from '../../../shared/backup.js';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../vault/atomic-file.js';

export const BACKUP_STATE_FILE = 'backup-state.json';

/**
 * What this PC remembers about its backup, in plain JSON because none of it is secret: the data key itself is in
 * the key store under `keyName`; `wrappedKey` is that key sealed by the backup password (useless without it).
 */
export const BackupState = z.object({
  enabled: z.boolean(),
  /** Names this data folder's backup key in the key store (several data folders may share one keychain). */
  keyName: z.string().regex(/^backup-data-key:[0-9a-f]{16}$/),
  account: RecoveryAccountView.extend({ id: z.string() }).nullable(),
  /** The envelope's wrapped-key block, reused for every backup so no password is needed after turning on. */
  wrappedKey: z.unknown().nullable(),
  lastBackupAt: z.string().nullable(),
  /** The eTag of the backup this PC last wrote or merged; a missing file after that means it was deleted. */
  lastETag: z.string().nullable(),
  /** The vault generation last backed up, so a start with nothing new does not upload again. */
  lastGeneration: z.number().int().nullable(),
  problem: BackupProblem.nullable(),
});
export type BackupState = z.infer<typeof BackupState>;

export function initialBackupState(): BackupState {
  return {
    enabled: false,
    keyName: `backup-data-key:${randomBytes(8).toString('hex')}`,
    account: null,
    wrappedKey: null,
    lastBackupAt: null,
    lastETag: null,
    lastGeneration: null,
    problem: null,
  };
}

export async function loadBackupState(dataDir: string, log: Logger): Promise<BackupState> {
  const file = path.join(dataDir, BACKUP_STATE_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return initialBackupState();
  }
  const parsed = BackupState.safeParse(safeJson(text));
  if (parsed.success) return parsed.data;
  // Nothing here is irreplaceable: the backup is turned on again from the settings page.
  log.error('the backup settings file is damaged; backup is off until it is turned on again');
  await fs.rename(file, `${file}.damaged`).catch(() => undefined);
  return initialBackupState();
}

export async function saveBackupState(dataDir: string, state: BackupState): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(path.join(dataDir, BACKUP_STATE_FILE), Buffer.from(`${JSON.stringify(state, null, 2)}\n`));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
