import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Quick unlock by the operating system (Touch ID on macOS). It can only honestly release a key the running app holds:
 * Electron's `systemPreferences.promptTouchID` says yes or no and releases nothing, so after a password unlock the app
 * keeps a copy of the data key in memory, sealed under a random key that never leaves this process, and opens it
 * when the OS says the person is there. After a restart there is no copy: the password is needed (as in Bitwarden and
 * KeePassXC). It guards the keyboard, not the memory: software that can read this process can read the copy.
 */
export interface QuickUnlockPort {
  /** What the settings page and lock screen call it ("Touch ID", "Windows Hello", "polkit"). */
  readonly label: string;
  available(): boolean;
  /** Asks the person (the fingerprint sheet); rejects when they decline or it fails. */
  confirm(reason: string): Promise<void>;
}

/** Windows Hello and Linux polkit until implemented: they go behind the same port and say so. */
export function unavailableQuickUnlock(label: string): QuickUnlockPort {
  return {
    label,
    available: () => false,
    confirm: () => Promise.reject(new Error(`${label} is not available on this system`)),
  };
}

/** A data key sealed under a random in-memory key, opened only through `open`. */
export class HeldKey {
  private readonly wrapKey = randomBytes(32);
  private readonly nonce = randomBytes(12);
  private readonly sealed: Buffer;
  private readonly tag: Buffer;

  constructor(
    /** The key's name in the vault (which generation of keys it is). */
    readonly name: string,
    key: Buffer,
  ) {
    const cipher = createCipheriv('aes-256-gcm', this.wrapKey, this.nonce);
    this.sealed = Buffer.concat([cipher.update(key), cipher.final()]);
    this.tag = cipher.getAuthTag();
  }

  open(): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.wrapKey, this.nonce);
    decipher.setAuthTag(this.tag);
    return Buffer.concat([decipher.update(this.sealed), decipher.final()]);
  }

  destroy(): void {
    this.wrapKey.fill(0);
    this.sealed.fill(0);
  }
}
