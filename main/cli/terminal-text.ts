/**
 * Anything a terminal would act on or not draw: C0 and C1 controls (escape sequences that move the cursor, retitle
 * the window, make links or clear the screen; line breaks that fake a line), format characters (bidi overrides and
 * isolates, zero-width characters), the line and paragraph separators, and unpaired surrogates.
 */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * Text from outside (issuers, names, device names, messages that quote input) as the command-line tool writes it
 * to a terminal: every non-printable character becomes a visible `\uXXXX` escape (astral ones as their UTF-16 pair,
 * as JSON writes them), so nothing can hide or reorder what is shown, and a line of JSON text stays valid JSON with
 * the same value.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(NON_PRINTABLE, (char) => {
    let escaped = '';
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

/** A whole message of several lines, each escaped; its own line breaks stay. */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeForTerminal).join('\n');
}
