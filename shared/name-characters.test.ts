import { describe, expect, it } from 'vitest';
import { deceptiveCharacter, deceptiveNameProblem } from './name-characters.js';

// Code points written as escapes on purpose: the test must say exactly which character it is about.
describe('deceptiveCharacter: what a name may not hide', () => {
  it('accepts ordinary names in many scripts, with accents, punctuation and emoji', () => {
    for (const name of ['GitHub', 'alice@example.com', 'Zoë Müller', 'Ελένη', 'Дмитрий', 'محمد', '山田太郎', 'AT&T (work)', 'Bank 🏦', 'café\u0301', '']) {
      expect(deceptiveCharacter(name)).toBeNull();
    }
  });

  it('refuses C0 and C1 controls, DEL, and the line and paragraph separators', () => {
    for (const [text, found] of [
      ['a\nb', 'U+000A'],
      ['a\rb', 'U+000D'],
      ['\u001b[31mred', 'U+001B'],
      ['tab\there', 'U+0009'],
      ['a\u0000', 'U+0000'],
      ['x\u007f', 'U+007F'],
      ['x\u0085y', 'U+0085'],
      ['x\u009by', 'U+009B'],
      ['one\u2028two', 'U+2028'],
      ['one\u2029two', 'U+2029'],
    ] as const) {
      expect(deceptiveCharacter(text)).toBe(found);
    }
  });

  it('refuses bidirectional marks, embeddings, overrides and isolates', () => {
    for (const cp of [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const char = String.fromCodePoint(cp);
      expect(deceptiveCharacter(`moc.${char}elgoog`)).toBe(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
    }
  });

  it('refuses invisible characters: zero-width space, word joiner, invisible operators, soft hyphen, BOM', () => {
    for (const [text, found] of [
      ['pay\u200bpal', 'U+200B'],
      ['pay\u2060pal', 'U+2060'],
      ['pay\u2062pal', 'U+2062'],
      ['pay\u00adpal', 'U+00AD'],
      ['\ufeffpaypal', 'U+FEFF'],
      ['pay\u180epal', 'U+180E'],
      ['pay\ufff9pal', 'U+FFF9'],
    ] as const) {
      expect(deceptiveCharacter(text)).toBe(found);
    }
  });

  it('refuses the zero-width joiner and non-joiner where they draw nothing: Latin, Greek, Cyrillic, digits, the ends', () => {
    for (const [text, found] of [
      ['pay\u200dpal', 'U+200D'],
      ['pay\u200cpal', 'U+200C'],
      ['αβ\u200dγ', 'U+200D'],
      ['Дми\u200cтрий', 'U+200C'],
      ['12\u200d34', 'U+200D'],
      ['山\u200d田', 'U+200D'],
      ['ｱｲ\u200cｳ', 'U+200C'],
      ['\u200cمحمد', 'U+200C'],
      ['محمد\u200d', 'U+200D'],
      ['می\u200c\u200cخواهم', 'U+200C'],
      ['a\u200d👍', 'U+200D'],
      ['👍\u200db', 'U+200D'],
    ] as const) {
      expect(deceptiveCharacter(text)).toBe(found);
    }
  });

  it('accepts the joiners where a script or an emoji needs them', () => {
    for (const text of [
      'می\u200cخواهم', // Persian: "I want", spelled with a non-joiner
      'क्\u200dष', // Devanagari: a half form, with a joiner after the virama
      'ক্\u200cষ', // Bengali: a non-joiner after the virama
      'Team 👩\u200d💻', // woman technologist
      '👩🏽\u200d💻', // with a skin tone
      '❤\ufe0f\u200d🔥', // after a variation selector
      '👨\u200d👩\u200d👧', // a family: two joiners
    ]) {
      expect(deceptiveCharacter(text)).toBeNull();
    }
  });

  it('names the first offending character by its code point, astral ones included', () => {
    expect(deceptiveCharacter('ok\u202eX\u200b')).toBe('U+202E');
    expect(deceptiveCharacter('🏦\u200b')).toBe('U+200B');
  });
});

describe('deceptiveNameProblem', () => {
  it('is a message naming the field and the character, or null', () => {
    expect(deceptiveNameProblem('issuer', 'moc.\u202eelgoog')).toBe('The issuer contains a hidden or control character (U+202E); type it again without it.');
    expect(deceptiveNameProblem('account name', 'alice')).toBeNull();
  });
});
