import { randomBytes } from 'node:crypto';

export interface AuthorizationCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  /** The tenant segment the code was issued at; AAD redeems it only there (AADSTS700005). */
  tenant: string;
  scopes: string[];
  codeChallenge: string;
  nonce: string | undefined;
  expiresAt: number;
  redeemed: boolean;
}

export interface AccessTokenGrant {
  userId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export interface RefreshTokenGrant {
  userId: string;
  clientId: string;
  tenant: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const REFRESH_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;
export const DEFAULT_ACCESS_TOKEN_LIFETIME_S = 3600;

/** Opaque random strings: nothing in them means anything, as with MSA's tokens, so clients cannot depend on content. */
function opaque(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Authorization codes, access tokens and refresh tokens, each found by its own value. `userId` is the object id. */
export class TokenStore {
  accessTokenLifetimeSeconds = DEFAULT_ACCESS_TOKEN_LIFETIME_S;
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly accessTokens = new Map<string, AccessTokenGrant>();
  private readonly refreshTokens = new Map<string, RefreshTokenGrant>();

  issueCode(grant: Omit<AuthorizationCode, 'expiresAt' | 'redeemed'>): string {
    const code = `M.C5_${opaque(48)}`;
    this.codes.set(code, { ...grant, expiresAt: Date.now() + CODE_LIFETIME_MS, redeemed: false });
    return code;
  }

  /** The code as it was before this call; every redemption attempt uses it up, so a verifier cannot be guessed. */
  redeemCode(code: string): AuthorizationCode | undefined {
    const found = this.codes.get(code);
    if (!found) return undefined;
    const before = { ...found };
    found.redeemed = true;
    return before;
  }

  issueAccessToken(userId: string, clientId: string, scopes: string[]): { token: string; expiresIn: number } {
    const token = `EwA_${opaque(64)}`;
    const expiresIn = this.accessTokenLifetimeSeconds;
    this.accessTokens.set(token, { userId, clientId, scopes, expiresAt: Date.now() + expiresIn * 1000 });
    return { token, expiresIn };
  }

  findAccessToken(token: string): AccessTokenGrant | undefined {
    return this.accessTokens.get(token);
  }

  issueRefreshToken(grant: Omit<RefreshTokenGrant, 'expiresAt' | 'revoked'>): string {
    const token = `M.C5_RT_${opaque(96)}`;
    this.refreshTokens.set(token, { ...grant, expiresAt: Date.now() + REFRESH_LIFETIME_MS, revoked: false });
    return token;
  }

  findRefreshToken(token: string): RefreshTokenGrant | undefined {
    return this.refreshTokens.get(token);
  }

  /** Makes every access token of the user expired now; returns how many there were. */
  expireAccessTokens(userId: string): number {
    return this.update(this.accessTokens, userId, (grant) => (grant.expiresAt = Date.now() - 1));
  }

  revokeRefreshTokens(userId: string): number {
    return this.update(this.refreshTokens, userId, (grant) => (grant.revoked = true));
  }

  expireRefreshTokens(userId: string): number {
    return this.update(this.refreshTokens, userId, (grant) => (grant.expiresAt = Date.now() - 1));
  }

  forgetUser(userId: string): void {
    for (const map of [this.codes, this.accessTokens, this.refreshTokens]) {
      for (const [key, grant] of map) if (grant.userId === userId) map.delete(key);
    }
  }

  clear(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.accessTokenLifetimeSeconds = DEFAULT_ACCESS_TOKEN_LIFETIME_S;
  }

  private update<T extends { userId: string }>(map: Map<string, T>, userId: string, change: (grant: T) => void): number {
    let count = 0;
    for (const grant of map.values()) {
      if (grant.userId !== userId) continue;
      change(grant);
      count++;
    }
    return count;
  }
}
