import type { EmulatorOrigins } from '../state.js';
import { issuerTemplate, type Audience } from './tenants.js';

/**
 * The OpenID Connect discovery document, shaped like login.microsoftonline.com's v2.0 one. MSAL needs
 * authorization_endpoint, token_endpoint, issuer and jwks_uri (isOpenIdConfigResponse); the rest is as AAD sends it.
 *
 * authorization_endpoint is on the plain-http sign-in origin: MSAL requires https only of the authority (its
 * UrlString.validateAsUri) and builds the sign-in URL from this field as given (Authority.authorizationEndpoint),
 * so a person's browser in the harness needs no certificate exception, while every request MSAL itself makes
 * (token, discovery) stays on https.
 */
export function openIdConfiguration(origins: EmulatorOrigins, tenant: string, audience: Audience): Record<string, unknown> {
  const base = `${origins.api}/${tenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: issuerTemplate(origins.api, audience),
    request_uri_parameter_supported: false,
    authorization_endpoint: `${origins.signIn}/${tenant}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${origins.signIn}/${tenant}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'nonce', 'oid', 'tid', 'preferred_username', 'ver'],
    code_challenge_methods_supported: ['S256'],
    tenant_region_scope: null,
    cloud_instance_name: 'emulator.invalid',
    cloud_graph_host_name: new URL(origins.api).host,
    msgraph_host: new URL(origins.api).host,
  };
}

/** GET /common/discovery/instance's answer for this host (and what MSAL's cloudDiscoveryMetadata option takes). */
export function instanceDiscovery(origins: EmulatorOrigins, tenant: string): Record<string, unknown> {
  const host = new URL(origins.api).host;
  const port = new URL(origins.api).port;
  return {
    tenant_discovery_endpoint: `${origins.api}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host, `localhost:${port}`] }],
  };
}

/** MSAL's `auth.authorityMetadata` and `auth.cloudDiscoveryMetadata` take the responses as JSON text. */
export function msalMetadataOptions(origins: EmulatorOrigins, tenant: string, audience: Audience): { authorityMetadata: string; cloudDiscoveryMetadata: string } {
  return {
    authorityMetadata: JSON.stringify(openIdConfiguration(origins, tenant, audience)),
    cloudDiscoveryMetadata: JSON.stringify(instanceDiscovery(origins, tenant)),
  };
}
