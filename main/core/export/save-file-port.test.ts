import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { folderSaveFile } from './save-file-port.js';

test("the harness's exports folder: made 0700, files 0600, an earlier export never replaced", async () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'exports-')), 'exports');
  const save = folderSaveFile(dir);
  const first = await save.save({ bytes: Buffer.from('one'), suggestedName: 'aegis-export-2026-12-07.json' });
  const second = await save.save({ bytes: Buffer.from('two'), suggestedName: 'aegis-export-2026-12-07.json' });
  expect(first).toEqual({ saved: true, path: path.join(dir, 'aegis-export-2026-12-07.json') });
  expect(second).toEqual({ saved: true, path: path.join(dir, 'aegis-export-2026-12-07 (2).json') });
  expect(readFileSync(path.join(dir, 'aegis-export-2026-12-07.json'), 'utf8')).toBe('one');
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  for (const name of readdirSync(dir)) expect(statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
  // A suggested name cannot leave the folder.
  const sneaky = await save.save({ bytes: Buffer.from('x'), suggestedName: '../../escape.txt' });
  expect(sneaky).toEqual({ saved: true, path: path.join(dir, 'escape.txt') });
});
