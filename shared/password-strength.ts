import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * The one rule for every password the app sets (backup, app lock, encrypted export): zxcvbn's score 3 or more,
 * "safely unguessable: moderate protection from offline slow-hash scenario" (about 10^10 guesses). Main enforces it;
 * the window's meter runs the same function so the two never disagree.
 */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export type PasswordStrength = {
  score: PasswordScore;
  label: string;
  acceptable: boolean;
  /** Why it is weak, in a sentence ("This is a top-10 common password."), or '' when zxcvbn has nothing to say. */
  warning: string;
  suggestions: string[];
};

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** Words of the app's own world that an attacker would try first. */
const APP_WORDS = ['authenticator', 'backup', 'onedrive', 'microsoft', 'password', 'recovery', 'unlock', 'export', 'lock', 'code', 'codes', 'app'];

/**
 * zxcvbn counts each of these words as cheap, but a phrase made of two or three of them with spaces still scores 3
 * ("onedrive backup"): a password that is nothing but the app's own words, numbers and separators is weak whatever
 * its score, since it is the first thing anyone guessing would try here.
 */
function onlyAppWords(password: string): boolean {
  let rest = password.toLowerCase();
  for (const word of [...APP_WORDS].sort((a, b) => b.length - a.length)) rest = rest.split(word).join(' ');
  return rest.replace(/[^\p{L}]/gu, '').length < 3;
}

let estimator: ZxcvbnFactory | undefined;

/** How hard the password is to guess (dictionaries, keyboard patterns, dates, repeats), not a count of character classes. */
export function passwordStrength(password: string, userInputs: readonly string[] = []): PasswordStrength {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  // NFC, as the key derivation sees it (backup-envelope.ts): "é" typed either way is the same password, and the same score.
  const result = estimator.check(password.normalize('NFC'), [...APP_WORDS, ...userInputs]);
  const appWordsOnly = result.score >= MIN_PASSWORD_SCORE && onlyAppWords(password.normalize('NFC'));
  const score = (appWordsOnly ? Math.min(result.score, 1) : result.score) as PasswordScore;
  const acceptable = score >= MIN_PASSWORD_SCORE;
  const warning = appWordsOnly ? 'Words about this app (backup, OneDrive, authenticator...) are the first guesses anyone would make here.' : (result.feedback.warning ?? '');
  const suggestions = appWordsOnly ? ['Use a few words that have nothing to do with this app.'] : [...result.feedback.suggestions];
  return { score, label: LABELS[score], acceptable, warning, suggestions };
}

/** The sentence shown under a refused password: the reason, then what to do. */
export function weakPasswordMessage(strength: PasswordStrength): string {
  const reason = strength.warning === '' ? 'This password is too easy to guess.' : strength.warning;
  const advice = strength.suggestions[0] ?? 'Add another word or two; a few unrelated words work well.';
  return `${reason} ${advice}`;
}
