/// <reference types="vite/client" />

/** The brand-icon index made at build time (scripts/vite/brand-icons.ts). */
declare module 'virtual:brand-icons' {
  /** brandKey(title, slug or alias) -> slug */
  export const byName: Record<string, string>;
  /** slug -> brand colour, six hex digits without '#' */
  export const colours: Record<string, string>;
  /** slug -> the logo's SVG text, loaded on demand */
  export const loaders: Record<string, () => Promise<{ default: string }>>;
}
