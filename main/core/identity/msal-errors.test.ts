import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { toAppError } from './msal-errors.js';

describe('toAppError', () => {
  it('passes our own errors through unchanged', () => {
    const error = new AppError('keychainUnavailable', 'locked');
    expect(toAppError(error)).toBe(error);
  });

  it.each([
    [new InteractionRequiredAuthError('interaction_required', ''), 'signInRequired'],
    [new ServerError('invalid_grant', '', 'AADSTS70000: The refresh token was revoked.'), 'signInRequired'],
    [new AuthError('no_tokens_found', ''), 'signInRequired'],
    [new ServerError('access_denied', '', 'The user has denied access to the scope requested by the client application.'), 'signInCancelled'],
    [new ServerError('invalid_client', '', 'AADSTS7000218'), 'notConfigured'],
    [new ServerError('unauthorized_client', '', 'AADSTS700016: Application with identifier x was not found'), 'notConfigured'],
    [new ServerError('temporarily_unavailable', ''), 'network'],
    [new AuthError('network_error', ''), 'network'],
    [new ServerError('something_new', ''), 'internal'],
    [new TypeError('boom'), 'internal'],
  ])('maps %s to %s', (error, kind) => {
    expect(toAppError(error).kind).toBe(kind);
  });

  it('recognises a work or school account refused by the consumers authority, and names it', () => {
    const error = new ServerError('invalid_request', '', "AADSTS50020: User account 'bob@contoso.com' from identity provider 'https://sts.windows.net/x/' does not exist in tenant 'Microsoft Services'.");
    const mapped = toAppError(error, { username: 'hint@example.com' });
    expect(mapped.kind).toBe('wrongAccountType');
    expect(mapped.message).toMatch(/^bob@contoso\.com is a work or school account\. The recovery account must be a personal Microsoft account/);
  });

  it('recognises AADSTS500208 (a work domain at a personal-accounts authority) and falls back to the login hint', () => {
    const error = new ServerError('invalid_request', '', 'AADSTS500208: The domain is not a valid login domain for the account type.');
    expect(toAppError(error, { username: 'carol@fabrikam.com' })).toMatchObject({ kind: 'wrongAccountType', message: expect.stringMatching(/^carol@fabrikam\.com is a work/) });
    expect(toAppError(error).message).toMatch(/^That is a work or school account\./);
  });

  it('does not call a personal account refused by a work-only authority (AADSTS500200) a work account', () => {
    const error = new ServerError('invalid_request', '', "AADSTS500200: User account 'ada@outlook.com' is a personal Microsoft account.");
    expect(toAppError(error).kind).not.toBe('wrongAccountType');
  });

  it("keeps the transport's own message for network failures", () => {
    const failure = new AppError('network', 'login.test did not answer in time.');
    expect(toAppError(new AuthError('network_error', ''), { networkFailure: failure })).toBe(failure);
    expect(toAppError(new AuthError('endpoints_resolution_error', ''), { networkFailure: failure })).toBe(failure);
  });

  it('names the account that must sign in again', () => {
    expect(toAppError(new ServerError('invalid_grant', ''), { username: 'alice@outlook.com' }).message).toContain('Sign in to your recovery account (alice@outlook.com) again');
  });
});
