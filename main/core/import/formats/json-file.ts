import { AppError } from '../../../../shared/errors.js';

/** A JSON object from a file's text, or null (for detect: not JSON, not this format). */
export function jsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null || !/^\s*\{/.test(text)) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function damaged(app: string, why: string): AppError {
  return new AppError('damagedFile', `This ${app} file is damaged and could not be read (${why}). Nothing was imported.`);
}

export function wrongPassword(app: string): AppError {
  return new AppError('wrongPassword', `The password is not right for this ${app} file. Try again (it is the password you chose when exporting).`);
}
