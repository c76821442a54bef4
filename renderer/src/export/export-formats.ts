import type { ExportFormat } from '../../../shared/export.js';

/** Each format as the person chooses it: its name, what it is for, and who can read it. */
export const FORMAT_CHOICES: readonly { format: ExportFormat; name: string; about: string }[] = [
  { format: 'aegis', name: 'Encrypted file for another app (Aegis format)', about: 'For Aegis, 2FAS, Ente, Stratum, Bitwarden Authenticator or GNOME Authenticator. Only someone with its password can read it.' },
  { format: 'backup', name: 'Backup file (this app)', about: 'A second, offline backup: recover a new PC from it without a Microsoft account. Only someone with its password can read it.' },
  { format: 'otpauth', name: 'Plain list of otpauth:// links (.txt)', about: 'For apps that read setup links. Not encrypted: anyone who gets the file can make your codes.' },
  { format: 'google', name: 'QR codes for Google Authenticator', about: 'Scan them with a phone to move accounts there. Shown here only, never saved; anyone who sees them can make your codes.' },
];

export const isPlain = (format: ExportFormat): boolean => format === 'otpauth' || format === 'google';
