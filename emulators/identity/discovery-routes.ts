import type { RequestContext, Route } from '../http/router.js';
import { sendJson } from '../http/io.js';
import type { EmulatorState } from '../state.js';
import { AadError, sendAadError } from './aad-error.js';
import { instanceDiscovery, openIdConfiguration } from './metadata.js';
import { audienceOf } from './tenants.js';

/** What MSAL fetches when it is not given authorityMetadata / cloudDiscoveryMetadata, plus the signing keys. */
export function discoveryRoutes(state: EmulatorState): Route[] {
  return [
    { method: 'GET', path: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/, handle: (ctx, [tenant = '']) => configuration(state, ctx, tenant) },
    { method: 'GET', path: /^\/common\/discovery\/instance$/, handle: (ctx) => instance(state, ctx) },
    { method: 'GET', path: /^\/([^/]+)\/discovery\/v2\.0\/keys$/, handle: (ctx) => sendJson(ctx.res, 200, state.signer.jwks()) },
  ];
}

function configuration(state: EmulatorState, ctx: RequestContext, tenant: string): void {
  const audience = audienceOf(tenant);
  if (!audience) return sendAadError(ctx, new AadError(400, 'invalid_tenant', `AADSTS90002: Tenant '${tenant}' not found.`));
  sendJson(ctx.res, 200, openIdConfiguration(state.origins, tenant, audience));
}

/** Answers for authorities on this emulator only; any other host is an unknown instance (AADSTS50049), as AAD says. */
function instance(state: EmulatorState, ctx: RequestContext): void {
  const endpoint = ctx.url.searchParams.get('authorization_endpoint');
  let url: URL | undefined;
  try {
    url = endpoint ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  const hosts = [state.origins.api, state.origins.signIn].flatMap((origin) => {
    const { host, port } = new URL(origin);
    return [host, `localhost:${port}`];
  });
  const ours = url !== undefined && hosts.includes(url.host);
  if (!url || !ours) return sendAadError(ctx, new AadError(400, 'invalid_instance', 'AADSTS50049: Unknown or invalid instance.'));
  const tenant = url.pathname.split('/')[1] || 'common';
  sendJson(ctx.res, 200, instanceDiscovery(state.origins, tenant));
}
