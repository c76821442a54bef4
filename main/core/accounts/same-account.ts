import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoredAccount } from '../vault/vault-data.js';

/**
 * The "same account" rule, once: two accounts are the same account (added separately, so under two ids) when they
 * have the same issuer and the same name, ignoring case and the spaces around them, and the same secret. An account
 * without its secret (restored without its device-bound secret) is the same as no other. Used by adding (duplicates
 * are refused), undoing a delete, the backup merge and recovery's "already here".
 *
 * Secrets are compared in constant time: each is reduced to an HMAC-SHA-256 digest under a key drawn once per
 * process, and the fixed-length digests are compared with timingSafeEqual, so neither the secrets' contents nor their
 * lengths show in how long a comparison takes. The same digests key the sets of `SameAccountSet`: a Map lookup
 * compares its keys with an early exit, but what it could reveal is about a digest under a key that never leaves this
 * process, which says nothing about a secret. Secrets are stored canonical (upper-case base32 without padding, the
 * vault's schema), so equal keys have equal strings.
 */

type Identity = Pick<StoredAccount, 'issuer' | 'name' | 'secret'>;

const DIGEST_KEY = randomBytes(32);

function secretDigest(secret: string): Buffer {
  return createHmac('sha256', DIGEST_KEY).update(secret, 'utf8').digest();
}

/** Issuer and name as the rules compare them: without case and the spaces around them (same-name.ts uses it too). */
export function labelKey(account: Pick<Identity, 'issuer' | 'name'>): string {
  return JSON.stringify([account.issuer.trim().toLowerCase(), account.name.trim().toLowerCase()]);
}

export function sameAccount(a: Identity, b: Identity): boolean {
  if (a.secret === '' || b.secret === '') return false;
  if (labelKey(a) !== labelKey(b)) return false;
  return timingSafeEqual(secretDigest(a.secret), secretDigest(b.secret));
}

/**
 * Accounts that answer "is the same account here?" in constant time per question, for lists of thousands (the
 * backup merge). Accounts are grouped by issuer and name; a secret is hashed only when a question meets a group,
 * and each at most once, so the usual merge (the same accounts under the same ids) hashes next to nothing.
 */
export class SameAccountSet {
  /** Accounts whose secret is not hashed yet, by issuer and name: one account, or several. */
  private readonly unhashed = new Map<string, Identity | Identity[]>();
  /** The secrets' digests (base64), by issuer and name, for the groups a question has met. */
  private readonly digests = new Map<string, Set<string>>();

  constructor(accounts: Iterable<Identity> = []) {
    for (const account of accounts) this.add(account);
  }

  add(account: Identity): void {
    if (account.secret === '') return;
    const key = labelKey(account);
    const waiting = this.unhashed.get(key);
    if (waiting === undefined) this.unhashed.set(key, account);
    else if (Array.isArray(waiting)) waiting.push(account);
    else this.unhashed.set(key, [waiting, account]);
  }

  /** Whether an account here is the same account as `account` (see `sameAccount`). */
  has(account: Identity): boolean {
    if (account.secret === '') return false;
    const key = labelKey(account);
    const waiting = this.unhashed.get(key);
    let digests = this.digests.get(key);
    if (waiting !== undefined) {
      if (!digests) this.digests.set(key, (digests = new Set()));
      for (const here of Array.isArray(waiting) ? waiting : [waiting]) digests.add(digestText(here.secret));
      this.unhashed.delete(key);
    }
    return digests !== undefined && digests.has(digestText(account.secret));
  }
}

function digestText(secret: string): string {
  return secretDigest(secret).toString('base64');
}
