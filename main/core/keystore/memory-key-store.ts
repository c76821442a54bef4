import type { KeyStore } from './key-store.js';

/** For unit tests of other services only; the real keychain is tested in its own suite. */
export function memoryKeyStore(): KeyStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    id: 'memory',
    entries,
    getPassword: async (account) => entries.get(account) ?? null,
    setPassword: async (account, password) => void entries.set(account, password),
    deletePassword: async (account) => entries.delete(account),
    findCredentials: async () => [...entries].map(([account, password]) => ({ account, password })),
  };
}
