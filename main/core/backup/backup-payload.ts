import { z } from 'zod';
import { Settings } from '../../../shared/settings.js';
import { Deletion, StoredAccount, type VaultData } from '../vault/vault-data.js';

/**
 * What a backup holds once decrypted: the accounts in display order (device-bound ones without their secret),
 * the deletions that a merge must respect, and the settings. Versioned by the envelope's format version.
 */
export const BackupPayload = z.object({
  accounts: z.array(StoredAccount),
  deleted: z.array(Deletion),
  settings: Settings,
});
export type BackupPayload = z.infer<typeof BackupPayload>;

/** The payload for this vault: device-bound secrets never leave the device. */
export function payloadOf(data: VaultData): BackupPayload {
  return {
    accounts: data.accounts.map((account) => (account.deviceBound ? { ...account, secret: '' } : account)),
    deleted: data.deleted,
    settings: data.settings,
  };
}

export function encodePayload(payload: BackupPayload): Buffer {
  return Buffer.from(JSON.stringify(payload), 'utf8');
}

export function decodePayload(bytes: Buffer): BackupPayload {
  return BackupPayload.parse(JSON.parse(bytes.toString('utf8')));
}

/**
 * Merges this PC's payload with the copy another PC wrote, so that no account of either is lost and none is
 * duplicated: union by id; the later change wins for an account both have; a deletion wins over every change
 * made before it; an account both PCs added separately (same issuer, name and secret) is kept once. This PC's
 * order comes first; each of the other's accounts follows its predecessor there (or goes to the top, as it was
 * there); this PC's settings win.
 */
export function mergePayloads(local: BackupPayload, remote: BackupPayload): BackupPayload {
  const deletedAt = new Map<string, string>();
  for (const d of [...local.deleted, ...remote.deleted]) {
    const known = deletedAt.get(d.id);
    if (!known || d.at > known) deletedAt.set(d.id, d.at);
  }
  const alive = (account: StoredAccount) => {
    const at = deletedAt.get(account.id);
    return at === undefined || account.updatedAt > at;
  };

  const remoteById = new Map(remote.accounts.map((a) => [a.id, a]));
  const merged: StoredAccount[] = local.accounts.map((mine) => {
    const theirs = remoteById.get(mine.id);
    return theirs && theirs.updatedAt > mine.updatedAt ? theirs : mine;
  });
  const isDuplicate = (candidate: StoredAccount) => merged.some((a) => a.id === candidate.id || sameAccount(a, candidate));
  remote.accounts.forEach((theirs, index) => {
    if (isDuplicate(theirs)) return;
    const predecessor = remote.accounts.slice(0, index).reverse().find((p) => merged.some((a) => a.id === p.id));
    const at = predecessor ? merged.findIndex((a) => a.id === predecessor.id) + 1 : 0;
    merged.splice(at, 0, theirs);
  });

  return {
    accounts: merged.filter(alive),
    deleted: [...deletedAt].map(([id, at]) => ({ id, at })),
    settings: local.settings,
  };
}

function sameAccount(a: StoredAccount, b: StoredAccount): boolean {
  const same = (x: string, y: string) => x.trim().toLowerCase() === y.trim().toLowerCase();
  return a.secret !== '' && a.secret === b.secret && same(a.issuer, b.issuer) && same(a.name, b.name);
}
