// Adds up what Vitest and Playwright reported into one closing line: "tests: N passed, N failed".
// The first argument is the number of failed static checks (type-check, lint), counted as failures too.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = Number(process.argv[2] ?? 0);
let skipped = 0;
const missing = [];

if (existsSync('.test-output/vitest.json')) {
  const v = JSON.parse(readFileSync('.test-output/vitest.json', 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
} else missing.push('vitest');

if (existsSync('.test-output/playwright.json')) {
  const p = JSON.parse(readFileSync('.test-output/playwright.json', 'utf8'));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
} else missing.push('playwright');

if (missing.length > 0) console.log(`No results from: ${missing.join(', ')} (a runner did not finish).`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || missing.length > 0 || passed === 0 ? 1 : 0);
