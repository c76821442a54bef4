import { describe, expect, it } from 'vitest';
import { algorithmLabel, filterAccounts, groupDigits, searchFilter } from './format.js';

describe('searchFilter', () => {
  const github = { issuer: 'GitHub', name: 'alice@example.com' };
  const bank = { issuer: 'Bank', name: 'Alice' };

  it('keeps everything for a blank query, without filtering at all', () => {
    expect(searchFilter('')).toBeNull();
    expect(searchFilter('   ')).toBeNull();
  });

  it('matches the issuer or the account name anywhere, case and surrounding spaces aside', () => {
    const matches = searchFilter('  HUB ')!;
    expect([github, bank].filter(matches)).toEqual([github]);
    expect([github, bank].filter(searchFilter('alice')!)).toEqual([github, bank]);
    expect([github, bank].filter(searchFilter('example.com')!)).toEqual([github]);
    expect([github, bank].filter(searchFilter('carol')!)).toEqual([]);
  });
});

describe('filterAccounts', () => {
  const accounts = [
    { issuer: 'GitHub', name: 'alice' },
    { issuer: 'Bank', name: 'bob' },
    { issuer: 'Gitea', name: 'carol' },
  ];

  it('keeps the matching accounts in their order, and all of them (the same list) for a blank query', () => {
    expect(filterAccounts(accounts, 'git').map((a) => a.issuer)).toEqual(['GitHub', 'Gitea']);
    expect(filterAccounts(accounts, 'BOB')).toEqual([accounts[1]]);
    expect(filterAccounts(accounts, ' ')).toBe(accounts);
    expect(filterAccounts(accounts, 'nobody')).toEqual([]);
  });
});

describe('groupDigits', () => {
  it('splits a code in two halves, the first the longer, and leaves short codes whole', () => {
    expect(groupDigits('123456')).toBe('123 456');
    expect(groupDigits('1234567')).toBe('1234 567');
    expect(groupDigits('58YDG')).toBe('58YDG');
  });
});

describe('algorithmLabel', () => {
  it('writes the algorithms as RFC 6238 and people do, with a hyphen', () => {
    expect(['SHA1', 'SHA256', 'SHA512'].map((a) => algorithmLabel(a as 'SHA1'))).toEqual(['SHA-1', 'SHA-256', 'SHA-512']);
  });
});
