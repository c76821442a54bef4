import { randomBytes } from 'node:crypto';
import type { Audience } from './tenants.js';

/** A validated /authorize request, waiting for the person to sign in or cancel. */
export interface AuthorizationRequest {
  /** The tenant segment as requested (codes are bound to it). */
  tenant: string;
  audience: Audience;
  clientId: string;
  redirectUri: string;
  responseMode: 'query' | 'form_post';
  scopes: string[];
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
  loginHint: string | undefined;
  prompt: string | undefined;
  /** client_info=1: the response carries client_info, as AAD's does. */
  clientInfo: boolean;
}

const FLOW_LIFETIME_MS = 30 * 60 * 1000;

/**
 * Requests between the sign-in page and its form post, kept server-side under a random "flow" token (AAD's
 * flowToken does the same), so the form cannot be tampered with to change the redirect URI or the challenge.
 */
export class SignInFlows {
  private readonly flows = new Map<string, { request: AuthorizationRequest; expiresAt: number }>();

  start(request: AuthorizationRequest): string {
    const flow = randomBytes(24).toString('base64url');
    const now = Date.now();
    for (const [key, entry] of this.flows) if (entry.expiresAt <= now) this.flows.delete(key);
    this.flows.set(flow, { request, expiresAt: now + FLOW_LIFETIME_MS });
    return flow;
  }

  get(flow: string): AuthorizationRequest | undefined {
    const entry = this.flows.get(flow);
    return entry && entry.expiresAt > Date.now() ? entry.request : undefined;
  }

  finish(flow: string): void {
    this.flows.delete(flow);
  }

  clear(): void {
    this.flows.clear();
  }
}
