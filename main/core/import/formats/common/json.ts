/** Parses JSON text, or null when the text is not JSON (detect() must never throw). */
export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strict base64 (standard alphabet, padding optional) to bytes, or null: Buffer.from would skip bad characters. */
export function base64Bytes(text: string): Uint8Array | null {
  const compact = text.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
