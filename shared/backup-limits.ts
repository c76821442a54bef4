/**
 * The size limit of a backup file, once, for every process: sealing refuses more, a OneDrive download stops reading
 * past it, and recovery from a file (the window's recoveryOpenFile, the command-line tool's recover --from-file)
 * refuses a bigger file before reading it as a backup.
 */
export const MAX_BACKUP_BYTES = 16 * 2 ** 20;

/** The same limit for a backup file the window sends as base64: 4 characters per 3 bytes, plus one group of slack. */
export const MAX_BACKUP_BASE64_CHARS = Math.ceil(MAX_BACKUP_BYTES / 3) * 4 + 4;
