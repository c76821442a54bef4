/** Minimum length of a backup password, in characters (main enforces it; the renderer also shows strength). */
export const MIN_BACKUP_PASSWORD_LENGTH = 8;
