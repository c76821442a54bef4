import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_SCORE, passwordStrength, weakPasswordMessage } from './password-strength.js';

// Expected values come from what zxcvbn is documented to do (a top common password scores 0; keyboard rows, repeats
// and sequences are named as such; random or multi-word passphrases of this length score 3 or 4), not from a run.
describe('passwordStrength', () => {
  it('refuses common passwords, with the reason', () => {
    for (const password of ['password', '12345678', 'qwertyuiop', 'Password1']) {
      const strength = passwordStrength(password);
      expect(strength.score, password).toBeLessThan(MIN_PASSWORD_SCORE);
      expect(strength.acceptable, password).toBe(false);
      expect(strength.warning, password).toMatch(/used password/);
    }
  });

  it('names the pattern that makes a password weak: repeats, sequences, keyboard rows', () => {
    expect(passwordStrength('aaaaaaaaaaaaaaaa').warning).toMatch(/Repeated characters/);
    expect(passwordStrength('abcdefgh').warning).toMatch(/character sequences/);
    expect(passwordStrength('asdfghjkl;').warning).toMatch(/rows of keys/);
  });

  it("counts the app's own words and the caller's inputs against a password", () => {
    const alone = passwordStrength('zebulon-quixotic');
    const given = passwordStrength('zebulon-quixotic', ['zebulon', 'quixotic']);
    expect(given.score).toBeLessThan(alone.score);
    expect(passwordStrength('authenticatorbackup').acceptable).toBe(false);
  });

  it("refuses a phrase made only of the app's own words, numbers and separators, whatever zxcvbn scores it", () => {
    for (const password of ['onedrive backup', 'authenticator backup 2026', 'Microsoft-Authenticator!', 'unlock my backup codes']) {
      const strength = passwordStrength(password);
      expect(strength.acceptable, password).toBe(false);
      expect(strength.warning).toMatch(/this app/);
    }
    // One unrelated word is enough to count as a passphrase of its own.
    expect(passwordStrength('onedrive backup giraffe lantern').acceptable).toBe(true);
  });

  it('accepts unrelated words and random strings, with nothing to say', () => {
    for (const password of ['tidy lantern ocean velvet', 'x7$Kp!2qLm#9', 'correct horse battery']) {
      const strength = passwordStrength(password);
      expect(strength.score, password).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
      expect(strength).toMatchObject({ acceptable: true, warning: '', suggestions: [] });
    }
  });

  it('has a label for every score, and acceptable is exactly score >= 3', () => {
    expect(MIN_PASSWORD_SCORE).toBe(3);
    for (const password of ['password', 'hunter22', 'Summer2024!', 'alice.johnson1', 'tidy lantern ocean velvet']) {
      const { score, label, acceptable } = passwordStrength(password);
      expect(label).toBe(['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'][score]);
      expect(acceptable).toBe(score >= 3);
    }
  });

  it('scores a composed and a decomposed accent alike', () => {
    expect(passwordStrength('caf\u00e9 lantern').score).toBe(passwordStrength('cafe\u0301 lantern').score);
  });

  it('answers quickly for the longest password the contract lets through (1024 characters)', () => {
    passwordStrength('warm up');
    const started = performance.now();
    expect(passwordStrength('ab'.repeat(512)).acceptable).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('weakPasswordMessage', () => {
  it('is the reason, then the first suggestion', () => {
    const strength = passwordStrength('password');
    expect(weakPasswordMessage(strength)).toBe(`${strength.warning} ${strength.suggestions[0]}`);
    expect(weakPasswordMessage(strength)).toMatch(/^This is a .*used password\. .+/);
  });

  it('has a reason and a suggestion even when zxcvbn gives none', () => {
    const none = { score: 2, label: 'Fair', acceptable: false, warning: '', suggestions: [] } as const;
    expect(weakPasswordMessage({ ...none, suggestions: [] })).toBe('This password is too easy to guess. Add another word or two; a few unrelated words work well.');
  });
});
