import { randomBytes } from 'node:crypto';

export type ConflictBehavior = 'fail' | 'replace' | 'rename';

export interface UploadSession {
  userId: string;
  name: string;
  conflictBehavior: ConflictBehavior;
  /** The If-Match the session was created with: checked again when the last byte arrives. */
  ifMatch: string | undefined;
  expiresAt: number;
  /** Declared by the first fragment's Content-Range; every later fragment must declare the same. */
  total: number | undefined;
  received: number;
  parts: Buffer[];
}

const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Upload sessions by the secret in their pre-authenticated upload URL. */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  create(session: Omit<UploadSession, 'expiresAt' | 'total' | 'received' | 'parts'>): { secret: string; session: UploadSession } {
    const secret = randomBytes(32).toString('base64url');
    const created: UploadSession = { ...session, expiresAt: Date.now() + SESSION_LIFETIME_MS, total: undefined, received: 0, parts: [] };
    this.sessions.set(secret, created);
    return { secret, session: created };
  }

  /** The live session, or undefined when unknown, finished, cancelled or expired. */
  get(secret: string): UploadSession | undefined {
    const session = this.sessions.get(secret);
    if (session && session.expiresAt <= Date.now()) {
      this.sessions.delete(secret);
      return undefined;
    }
    return session;
  }

  delete(secret: string): boolean {
    return this.sessions.delete(secret);
  }

  forgetUser(userId: string): void {
    for (const [secret, session] of this.sessions) if (session.userId === userId) this.sessions.delete(secret);
  }

  clear(): void {
    this.sessions.clear();
  }
}
