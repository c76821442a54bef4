import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { brandKey } from '../../shared/brand-key.js';

/**
 * `virtual:brand-icons`: which simple-icons logo belongs to an issuer, without shipping 3,000 logos to every window.
 * The module holds only a compact index (normalised title, slug and aliases -> slug; slug -> brand colour) and one
 * lazy `import()` per logo, so the bundler makes each logo its own small chunk and a window loads the few its
 * accounts match. The window itself imports this module lazily (tiles/brand-icons.ts): the first render pays nothing.
 */
export const BRAND_ICONS_ID = 'virtual:brand-icons';
const RESOLVED = `\0${BRAND_ICONS_ID}`;

interface SimpleIconData {
  title: string;
  slug: string;
  hex: string;
  aliases?: { aka?: string[]; dup?: { title: string }[]; loc?: Record<string, string> };
}


export function brandIcons(): Plugin {
  return {
    name: 'brand-icons',
    resolveId(id) {
      return id === BRAND_ICONS_ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const require = createRequire(import.meta.url);
      // The package exports no path to its data file: found beside its main module.
      const file = path.join(path.dirname(require.resolve('simple-icons')), 'data/simple-icons.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as SimpleIconData[] | { icons: SimpleIconData[] };
      const icons = Array.isArray(data) ? data : data.icons;
      const byName: Record<string, string> = {};
      const colours: Record<string, string> = {};
      // Titles first, so an alias never takes a name that is another brand's title.
      for (const icon of icons) byName[brandKey(icon.title)] ??= icon.slug;
      for (const icon of icons) {
        colours[icon.slug] = icon.hex;
        for (const name of [icon.slug, ...(icon.aliases?.aka ?? []), ...Object.values(icon.aliases?.loc ?? {})]) byName[brandKey(name)] ??= icon.slug;
      }
      const loaders = icons.map((icon) => `${JSON.stringify(icon.slug)}:()=>import(${JSON.stringify(`simple-icons/icons/${icon.slug}.svg?raw`)})`).join(',');
      return [
        `export const byName=${JSON.stringify(byName)};`,
        `export const colours=${JSON.stringify(colours)};`,
        `export const loaders={${loaders}};`,
      ].join('\n');
    },
  };
}
