/**
 * Characters that make a name show something other than what it holds: C0/C1 controls (line breaks, escape
 * sequences), bidirectional overrides and isolates (which reorder what follows, "moc.elgoog" shown as "google.com"),
 * and invisible zero-width characters (which make two different names look the same). One rule for every way a name
 * enters the app: link, QR code, the manual form, an import, the command-line tool.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const DECEPTIVE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;

/** The first deceptive character in the text, named for a message (e.g. "U+202E"), or null when there is none. */
export function deceptiveCharacter(text: string): string | null {
  const match = DECEPTIVE.exec(text);
  if (!match) return null;
  return `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The message for a field holding one ("The issuer contains a hidden or control character (U+202E)."), or null. */
export function deceptiveNameProblem(fieldName: string, text: string): string | null {
  const found = deceptiveCharacter(text);
  return found === null ? null : `The ${fieldName} contains a hidden or control character (${found}); type it again without it.`;
}
