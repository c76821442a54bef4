import { PERSONAL_TENANT_ID, WORK_TENANT_ID, type EmulatedUser } from '../state/users.js';

/**
 * The tenant segments of login.microsoftonline.com the emulator answers to:
 * consumers (personal accounts only; also by its GUID), organizations (work or school only) and common (both).
 */
export type Audience = 'consumers' | 'organizations' | 'common';

export function audienceOf(segment: string): Audience | undefined {
  switch (segment.toLowerCase()) {
    case 'consumers':
    case PERSONAL_TENANT_ID:
      return 'consumers';
    case 'organizations':
    case WORK_TENANT_ID:
      return 'organizations';
    case 'common':
      return 'common';
    default:
      return undefined;
  }
}

/** The issuer as the OpenID configuration states it: multi-tenant audiences use the {tenantid} template, as AAD's do. */
export function issuerTemplate(origin: string, audience: Audience): string {
  return `${origin}/${audience === 'consumers' ? PERSONAL_TENANT_ID : '{tenantid}'}/v2.0`;
}

export function issuerFor(origin: string, user: EmulatedUser): string {
  return `${origin}/${user.tenantId}/v2.0`;
}

/**
 * Why this user may not sign in at this audience, as AAD's errors say it (documented codes:
 * AADSTS500208 "The domain is not a valid login domain for the account type", AADSTS500200 for a personal account
 * where only work or school accounts are accepted), or undefined when the user may.
 */
export function accountTypeRefusal(audience: Audience, user: EmulatedUser): string | undefined {
  if (audience === 'consumers' && user.kind === 'work') {
    return `AADSTS500208: The domain is not a valid login domain for the account type. You can't sign in here with a work or school account (${user.username}); use a personal Microsoft account instead.`;
  }
  if (audience === 'organizations' && user.kind === 'personal') {
    return `AADSTS500200: User account '${user.username}' is a personal Microsoft account. Personal Microsoft accounts are not supported for this application unless explicitly invited to an organization.`;
  }
  return undefined;
}
