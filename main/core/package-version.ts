import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceRoot } from './source-root.js';

/** The app's version from package.json, for hosts run from source (the harness, the command-line tool). */
export function packageVersion(): string {
  try {
    const file = path.join(sourceRoot(), 'package.json');
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
