import { describe, expect, it } from 'vitest';
import { pathOf, slugFor } from './brand-icons.js';

const byName = { github: 'github', protonmail: 'protonmail', dropbox: 'dropbox', google: 'google', npm: 'npm' };

describe('slugFor', () => {
  it('matches an issuer whatever its case, spaces and punctuation', () => {
    expect(slugFor('GitHub', byName)).toBe('github');
    expect(slugFor('Proton Mail', byName)).toBe('protonmail');
    expect(slugFor('proton-mail', byName)).toBe('protonmail');
  });
  it('drops a domain ending, an "Account" suffix, or takes the first word', () => {
    expect(slugFor('github.com', byName)).toBe('github');
    expect(slugFor('Google Account', byName)).toBe('google');
    expect(slugFor('Dropbox Business', byName)).toBe('dropbox');
  });
  it('finds nothing for an unknown service, an empty issuer or a single letter', () => {
    expect(slugFor('Contoso', byName)).toBeNull();
    expect(slugFor('', byName)).toBeNull();
    expect(slugFor('g', byName)).toBeNull();
  });
});

describe('pathOf', () => {
  it('reads the outline of a simple-icons SVG', () => {
    expect(pathOf('<svg role="img" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><title>X</title><path d="M1 2h3z"/></svg>')).toBe('M1 2h3z');
    expect(pathOf('<svg></svg>')).toBeNull();
  });
});
