import type { OtpParams } from '../../../shared/otp.js';

/**
 * The port every importer implements (one file per app under main/core/import/formats/). A reader turns a file's
 * bytes into entries; it never touches the vault. The pipeline (detect, ask for a password, derive keys off the main
 * thread, preview, one vault write) lives beside it and is the same for every format.
 */

/** One entry of another app's file, read as-is. Readers never drop an entry silently: each is usable or says why not. */
export type ImportEntry =
  | {
      status: 'usable';
      issuer: string;
      name: string;
      /** Canonical base32 (upper case, no padding, no spaces); lives in main only. */
      secret: string;
      otp: OtpParams;
      /**
       * The other app's favourite or pinned mark (Aegis `favorite`, Ente `codeDisplay.pinned`, LastPass `isFavorite`,
       * Bitwarden `favorite`): the account arrives pinned to the tray, our closest concept. Absent: not marked.
       */
      pinned?: boolean;
    }
  | {
      status: 'unsupported';
      issuer: string;
      name: string;
      /** Shown to the person: "mOTP accounts are not supported", "the secret is not valid base32". */
      reason: string;
    };

/** How costly the file's key derivation is, checked against the memory cap before any work starts. */
export interface KdfCost {
  /** Bytes of memory the derivation needs (scrypt: 128·N·r·p; Argon2: memory in KiB × 1024; PBKDF2: ~0). */
  memoryBytes: number;
  /** A name for progress and messages ("Argon2id", "scrypt", "PBKDF2-SHA256"). */
  name: string;
  /** PBKDF2: the iteration count the file names (its time, where its memory is nothing), checked against a cap too. */
  pbkdf2Iterations?: number;
}

export interface EncryptedFile {
  cost: KdfCost;
  /** Derives the key and decrypts; throws AppError 'wrongPassword' for a wrong password, 'damagedFile' for damage. */
  decrypt(password: string, onProgress?: (fraction: number) => void): Promise<ImportEntry[]>;
}

export type ReadResult =
  | {
      encrypted: false;
      entries: ImportEntry[];
      /** What the person must know about the file as a whole ("QR code 2 of 3 is missing"), shown with the preview. */
      notices?: string[];
    }
  | { encrypted: true; file: EncryptedFile };

/** One file as the pipeline hands it to a reader. */
export interface ImportFile {
  bytes: Uint8Array;
  /** UTF-8 decoding of `bytes` when it decodes, else null. */
  text: string | null;
}

export interface ImportFormat {
  /** Stable id for the CLI and tests ("aegis", "2fas", "bitwarden-json"). */
  id: string;
  /** The other app's name as people know it ("Aegis", "2FAS Authenticator"). */
  name: string;
  /**
   * Recognises the file by its content (never its name). Cheap: no key derivation. `bytes` is the whole file;
   * `text` is its UTF-8 decoding when it decodes, else null.
   */
  detect(bytes: Uint8Array, text: string | null): boolean;
  /**
   * A reader of last resort, whose test is broad (any list of otpauth:// links; any binary file without a known
   * signature): when a specific format also recognises the file, the specific one reads it.
   */
  fallback?: true;
  /** Reads a detected file. Throws AppError 'damagedFile' with a reason when it is this format but broken. */
  read(bytes: Uint8Array, text: string | null): ReadResult;
  /**
   * Formats exported as several files at once (Google Authenticator's QR pictures) read them together, so a batch can
   * be checked for completeness. Only called with two or more files, each of which this format detected.
   */
  readMany?(files: readonly ImportFile[]): ReadResult;
}
