import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseSealedFile } from '../vault-crypto.js';
import { PREVIOUS_VAULT_FILE, VAULT_FILE } from '../vault.js';

// What the app lock tests look at from outside the vault: the keychain through secret-tool, the files through their cipher.

/** Every secret the keychain holds for this test's service, read back with secret-tool (not through our binding). */
export function keychainSecrets(serviceName: string): Buffer[] {
  const out = execFileSync('secret-tool', ['search', '--all', '--unlock', 'service', serviceName], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return [...out.matchAll(/^secret = (.*)$/gm)].map((match) => Buffer.from(match[1]!, 'base64'));
}

/** Whether `key` opens the vault file or its previous generation (the files' own AES-GCM, nothing of ours cached). */
export async function opensAnyVaultFile(dir: string, key: Buffer): Promise<boolean> {
  for (const name of [VAULT_FILE, PREVIOUS_VAULT_FILE]) {
    const bytes = await fs.readFile(path.join(dir, name)).catch(() => null);
    if (bytes === null || key.length !== 32) continue;
    const file = parseSealedFile(bytes);
    if (file.ok && file.open(key) !== null) return true;
  }
  return false;
}
