import type { Deletion } from '../vault/vault-data.js';

/**
 * The latest deletion of each id, by id (ISO times compare as strings), in the order the ids first appear: the one
 * rule by which deletion records are combined (deleting, the backup merge, recovery). A deletion wins over every
 * change of its account made before it.
 */
export function latestDeletions(deletions: Iterable<Deletion>): Map<string, string> {
  const latest = new Map<string, string>();
  for (const { id, at } of deletions) {
    const known = latest.get(id);
    if (known === undefined || at > known) latest.set(id, at);
  }
  return latest;
}

/** `latestDeletions` as the vault and the backup keep them. */
export function asDeletions(latest: ReadonlyMap<string, string>): Deletion[] {
  return [...latest].map(([id, at]) => ({ id, at }));
}
