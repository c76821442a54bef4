import { describe, expect, it } from 'vitest';
import { accountLabel, accountTitle } from './account-label.js';
import { groupDigits } from './group-digits.js';

describe('accountLabel: the one way an account is named', () => {
  it('is the issuer and the name, or whichever of the two the account has', () => {
    expect(accountLabel({ issuer: 'GitHub', name: 'alice' })).toBe('GitHub, alice');
    expect(accountLabel({ issuer: 'GitHub', name: '' })).toBe('GitHub');
    expect(accountLabel({ issuer: '', name: 'alice@example.com' })).toBe('alice@example.com');
  });

  it('falls back to the id of an account with neither, and to nothing without an id', () => {
    expect(accountLabel({ id: '0a1b2c3d4e', issuer: '', name: '' })).toBe('0a1b2c3d4e');
    expect(accountLabel({ issuer: '', name: '' })).toBe('');
  });
});

describe('accountTitle: the first line of a two-line display', () => {
  it('is the issuer, else the name, else the id', () => {
    expect(accountTitle({ issuer: 'GitHub', name: 'alice' })).toBe('GitHub');
    expect(accountTitle({ issuer: '', name: 'alice' })).toBe('alice');
    expect(accountTitle({ id: '0a1b2c3d4e', issuer: '', name: '' })).toBe('0a1b2c3d4e');
  });
});

describe('groupDigits', () => {
  it('splits a code in two halves, the first the longer, and leaves codes under six characters whole', () => {
    expect(groupDigits('123456')).toBe('123 456');
    expect(groupDigits('1234567')).toBe('1234 567');
    expect(groupDigits('12345678')).toBe('1234 5678');
    expect(groupDigits('58YDG')).toBe('58YDG');
    expect(groupDigits('')).toBe('');
  });
});
