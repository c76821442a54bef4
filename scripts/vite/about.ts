import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * `virtual:about`: the app's version and the licences of the packages it ships (package.json's dependencies, each
 * with the licence its own package.json declares), read at build time for Settings > About: nothing to ask main for.
 */
export const ABOUT_ID = 'virtual:about';
const RESOLVED = `\0${ABOUT_ID}`;

interface PackageJson {
  name?: string;
  version?: string;
  license?: string;
  homepage?: string;
  dependencies?: Record<string, string>;
}

export function about(root: string): Plugin {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  return {
    name: 'about',
    resolveId(id) {
      return id === ABOUT_ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      const app = read(path.join(root, 'package.json'));
      const packages = Object.keys(app.dependencies ?? {})
        .sort()
        .map((name) => {
          const own = read(path.join(root, 'node_modules', name, 'package.json'));
          return { name, version: own.version ?? '', license: own.license ?? 'see its package' };
        });
      return `export const version = ${JSON.stringify(app.version ?? '')};\nexport const licence = ${JSON.stringify(app.license ?? '')};\nexport const packages = ${JSON.stringify(packages)};`;
    },
  };
}
