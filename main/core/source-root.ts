import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository that the hosts run from source (the browser harness, the command-line tool) live in: the nearest
 * folder above this module that holds package.json. Found rather than counted in '../', so the same code works from
 * main/ through tsx and from the tests' bundle of those hosts (e2e/hosts.ts), whose modules all sit in one file.
 */
export function sourceRoot(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${import.meta.dirname}`);
  }
}
