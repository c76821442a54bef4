import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatedUserInput } from '../index.js';

/** The tenant every personal Microsoft account belongs to (documented, fixed). */
export const PERSONAL_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
/** The one organisation the emulated work or school accounts belong to. */
export const WORK_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export type UserKind = 'personal' | 'work';

export interface EmulatedUser {
  username: string;
  password: string;
  displayName: string;
  kind: UserKind;
  /** The `oid` claim and `client_info.uid`. Personal accounts: 00000000-0000-0000-xxxx-xxxxxxxxxxxx, as MSA's are. */
  objectId: string;
  /** The `id` of GET /me: a personal account's 16-hex-digit CID; a work account's object id. */
  graphId: string;
  tenantId: string;
}

export class UserExistsError extends Error {}

/** The accounts the emulated identity platform knows, by sign-in name (case-insensitive, as Microsoft's are). */
export class UserDirectory {
  private readonly users = new Map<string, EmulatedUser>();

  add(input: EmulatedUserInput): EmulatedUser {
    const key = input.username.toLowerCase();
    if (this.users.has(key)) throw new UserExistsError(`A user named ${input.username} already exists.`);
    const kind = input.kind ?? 'personal';
    const cid = randomBytes(8).toString('hex');
    const objectId = kind === 'personal' ? `00000000-0000-0000-${cid.slice(0, 4)}-${cid.slice(4)}` : randomUUID();
    const user: EmulatedUser = {
      username: input.username,
      password: input.password,
      displayName: input.displayName ?? input.username.split('@')[0] ?? input.username,
      kind,
      objectId,
      graphId: kind === 'personal' ? cid : objectId,
      tenantId: kind === 'personal' ? PERSONAL_TENANT_ID : WORK_TENANT_ID,
    };
    this.users.set(key, user);
    return user;
  }

  find(username: string): EmulatedUser | undefined {
    return this.users.get(username.toLowerCase());
  }

  byObjectId(objectId: string): EmulatedUser | undefined {
    for (const user of this.users.values()) if (user.objectId === objectId) return user;
    return undefined;
  }

  remove(username: string): EmulatedUser | undefined {
    const user = this.find(username);
    if (user) this.users.delete(username.toLowerCase());
    return user;
  }

  list(): EmulatedUser[] {
    return [...this.users.values()];
  }

  clear(): void {
    this.users.clear();
  }
}
