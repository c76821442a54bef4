/**
 * The key a service's name is matched by against the brand-icon index: lower case, letters and digits only, so
 * "Proton Mail", "proton-mail" and "protonmail" meet. One rule for the build step that writes the index
 * (scripts/vite/brand-icons.ts) and the window that looks names up in it (renderer/src/tiles/brand-icons.ts).
 */
export function brandKey(name: string): string {
  return name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}
