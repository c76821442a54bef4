/**
 * A code as shown (tiles, full-screen view, tray): 123456 -> "123 456", 12345678 -> "1234 5678", easier to read
 * and to type. Codes shorter than six characters (Steam's five letters and digits) stay whole.
 */
export function groupDigits(code: string): string {
  if (code.length < 6) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
