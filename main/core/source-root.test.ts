import path from 'node:path';
import { expect, it } from 'vitest';
import { sourceRoot } from './source-root.js';

// From a bundle (e2e/hosts.ts) every UI test exercises it: the harness finds build/renderer and the page bridge.
it('finds the repository from source: the folder of package.json, two levels above main/core (main/ has none)', () => {
  expect(sourceRoot()).toBe(path.resolve(import.meta.dirname, '../..'));
});
