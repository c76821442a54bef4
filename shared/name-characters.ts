/**
 * Characters that make a name show something other than what it holds: C0/C1 controls (line breaks, escape
 * sequences), the Unicode line and paragraph separators, bidirectional marks, overrides and isolates (which reorder
 * what follows, "moc.elgoog" shown as "google.com"), and invisible characters (zero-width space, word joiner,
 * invisible operators, soft hyphen, byte-order mark), which make two different names look the same. One rule for
 * every way a name enters the app: link, QR code, the manual form, an import, the command-line tool.
 *
 * The zero-width non-joiner and joiner (U+200C, U+200D) are the exception, decided so: they are refused except in
 * the two places where they change what is drawn, and so hide nothing:
 * - between two characters of a script whose letters join or form conjuncts (JOINING_SCRIPTS: Arabic and its kin, the
 *   Brahmic scripts; in Persian "می‌خواهم" the non-joiner is part of correct spelling, in Devanagari a joiner after
 *   the virama makes a half form);
 * - U+200D between two emoji (family and profession emoji: 👩‍💻), after an optional variation selector or skin tone.
 * Anywhere else (between Latin, Greek, Cyrillic or Han characters, digits, at either end, twice in a row) they draw
 * nothing, only make two names that look the same differ, and are refused.
 */
const DECEPTIVE =
  /[\p{Cc}\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\u200c|\u200d/gu;

/**
 * Scripts in which a joiner changes the drawing: letters that join (Arabic and its kin) and the Brahmic scripts whose
 * conjuncts and half forms a joiner after the virama selects.
 */
const JOINING_SCRIPTS = [
  'Arabic', 'Syriac', 'Mongolian', 'Nko', 'Adlam', 'Hanifi_Rohingya', 'Mandaic', 'Manichaean', 'Psalter_Pahlavi', 'Sogdian', 'Phags_Pa',
  'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala',
  'Myanmar', 'Khmer', 'Tibetan', 'Balinese', 'Javanese', 'Sundanese', 'Tai_Tham', 'Limbu',
];
const JOINING_LETTER = new RegExp(`^[${JOINING_SCRIPTS.map((script) => `\\p{Script=${script}}`).join('')}]$`, 'u');
const EMOJI = /^\p{Extended_Pictographic}$/u;
const EMOJI_TAIL = /^(?:\u{fe0f}|[\u{1f3fb}-\u{1f3ff}])$/u;

/** The first deceptive character in the text, named for a message (e.g. "U+202E"), or null when there is none. */
export function deceptiveCharacter(text: string): string | null {
  const chars = [...text];
  let offset = 0;
  const at = new Map<number, number>(); // UTF-16 offset -> index in chars
  chars.forEach((char, index) => {
    at.set(offset, index);
    offset += char.length;
  });
  for (const match of text.matchAll(DECEPTIVE)) {
    const index = at.get(match.index)!;
    if (!isMeaningfulJoiner(chars, index)) return codePointName(match[0]);
  }
  return null;
}

/** The message for a field holding one ("The issuer contains a hidden or control character (U+202E)..."), or null. */
export function deceptiveNameProblem(fieldName: string, text: string): string | null {
  const found = deceptiveCharacter(text);
  return found === null ? null : `The ${fieldName} contains a hidden or control character (${found}); type it again without it.`;
}

function isMeaningfulJoiner(chars: readonly string[], index: number): boolean {
  const joiner = chars[index];
  if (joiner !== '\u200c' && joiner !== '\u200d') return false;
  const before = chars[index - 1];
  const after = chars[index + 1];
  if (before === undefined || after === undefined) return false;
  if (JOINING_LETTER.test(before) && JOINING_LETTER.test(after)) return true;
  if (joiner !== '\u200d' || !EMOJI.test(after)) return false;
  const emojiBefore = EMOJI_TAIL.test(before) ? chars[index - 2] : before;
  return emojiBefore !== undefined && EMOJI.test(emojiBefore);
}

function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
