import { randomBytes } from 'node:crypto';

interface DownloadLink {
  userId: string;
  name: string;
  /** The content when the link was made: a link names one version, so metadata and bytes read together agree. */
  bytes: Buffer;
  expiresAt: number;
}

const LINK_LIFETIME_MS = 60 * 60 * 1000;

/** Pre-authenticated, short-lived download URLs (@microsoft.graph.downloadUrl and the 302 of .../content). */
export class DownloadLinks {
  private readonly links = new Map<string, DownloadLink>();

  create(userId: string, name: string, bytes: Buffer): string {
    const secret = randomBytes(32).toString('base64url');
    this.links.set(secret, { userId, name, bytes, expiresAt: Date.now() + LINK_LIFETIME_MS });
    this.sweep();
    return secret;
  }

  get(secret: string): DownloadLink | undefined {
    const link = this.links.get(secret);
    return link && link.expiresAt > Date.now() ? link : undefined;
  }

  forgetUser(userId: string): void {
    for (const [secret, link] of this.links) if (link.userId === userId) this.links.delete(secret);
  }

  clear(): void {
    this.links.clear();
  }

  /** Every metadata read makes a link; dropping expired ones keeps a long test run's memory flat. */
  private sweep(): void {
    const now = Date.now();
    for (const [secret, link] of this.links) if (link.expiresAt <= now) this.links.delete(secret);
  }
}
