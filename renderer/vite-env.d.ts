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

/** The app's version and the licences of the packages it ships, read at build time (scripts/vite/about.ts). */
declare module 'virtual:about' {
  export const version: string;
  export const licence: string;
  export const packages: { name: string; version: string; license: string }[];
}
