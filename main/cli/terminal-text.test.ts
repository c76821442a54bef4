import { describe, expect, it } from 'vitest';
import { escapeForTerminal } from './terminal-text.js';

describe('escapeForTerminal', () => {
  it('leaves printable text alone, in any script, emoji included', () => {
    for (const text of ['GitHub, alice@example.com', 'Zoë', 'محمد', '山田', 'Bank 🏦', 'a\\b "quoted"']) expect(escapeForTerminal(text)).toBe(text);
  });

  it('makes escape sequences, line breaks and other controls visible', () => {
    expect(escapeForTerminal('\u001b[2J\u001b]0;owned\u0007')).toBe('\\u001b[2J\\u001b]0;owned\\u0007');
    expect(escapeForTerminal('one\ntwo\r\tthree')).toBe('one\\u000atwo\\u000d\\u0009three');
    expect(escapeForTerminal('x\u007f\u009by')).toBe('x\\u007f\\u009by');
  });

  it('makes bidi overrides, isolates, zero-width characters and separators visible', () => {
    expect(escapeForTerminal('moc.\u202eelgoog')).toBe('moc.\\u202eelgoog');
    expect(escapeForTerminal('a\u2066b\u2069c\u200bd\u200de\ufeff')).toBe('a\\u2066b\\u2069c\\u200bd\\u200de\\ufeff');
    expect(escapeForTerminal('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
  });

  it('escapes astral format characters and unpaired surrogates as JSON does, so escaped JSON still parses to the same value', () => {
    const value = { name: 'tag\u{e0041}\u202e\ud800x' };
    const escaped = escapeForTerminal(JSON.stringify(value));
    expect(escaped).toBe('{"name":"tag\\udb40\\udc41\\u202e\\ud800x"}');
    expect(JSON.parse(escaped)).toEqual(value);
  });
});
