#!/usr/bin/env node
// Runs Doyensec's electronegativity (Electron misconfiguration and anti-pattern checks) over the code that runs in
// Electron: the main-process edge, the preload, the window's HTML and the security headers. Fails on any finding that
// is not on the reviewed list (scripts/electronegativity-reviewed.json), where each accepted finding has its reason.
// Findings are matched by check and file, not line, so the list survives edits around them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reviewed = JSON.parse(readFileSync(path.join(root, 'scripts/electronegativity-reviewed.json'), 'utf8'));
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

// Only what ships in Electron, without tests (they build fakes that look like misconfigurations on purpose).
const work = mkdtempSync(path.join(tmpdir(), 'electronegativity-'));
const input = path.join(work, 'src');
const notTest = (source) => !/\.test\.ts$/.test(source);
cpSync(path.join(root, 'main/electron'), path.join(input, 'electron'), { recursive: true, filter: notTest });
cpSync(path.join(root, 'preload'), path.join(input, 'preload'), { recursive: true, filter: notTest });
mkdirSync(path.join(input, 'core'));
cpSync(path.join(root, 'main/core/security-headers.ts'), path.join(input, 'core/security-headers.ts'));
cpSync(path.join(root, 'renderer/index.html'), path.join(input, 'index.html'));

const report = path.join(work, 'report.sarif');
try {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', input, '-o', report, '-r', '-v', 'false', '-e', electronVersion],
    // It tries to fetch Electron's release list (not reachable in CI); the version is given, so that failure is harmless.
    { stdio: ["ignore", "ignore", "ignore"], timeout: 180_000 },
  );
} catch (error) {
  console.error(`electronegativity did not run: ${error.message}`);
  process.exit(1);
}

const sarif = JSON.parse(readFileSync(report, 'utf8'));
rmSync(work, { recursive: true, force: true });
const findings = sarif.runs.flatMap((run) =>
  (run.results ?? []).map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri ?? '';
    // Global checks (about the app as a whole) have no file of their own.
    const file = uri === '' || uri === 'file:///' ? '(global)' : uri;
    return { check: result.ruleId, file, line: location?.region?.startLine ?? 0 };
  }),
);

const isReviewed = (finding) => reviewed.some((entry) => entry.check === finding.check && entry.file === finding.file);
const unreviewed = findings.filter((finding) => !isReviewed(finding));
const stale = reviewed.filter((entry) => !findings.some((finding) => finding.check === entry.check && finding.file === entry.file));

console.log(`electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${findings.length - unreviewed.length} reviewed`);
for (const entry of stale) console.log(`  reviewed entry no longer found (remove it): ${entry.check} in ${entry.file}`);
for (const finding of unreviewed) console.error(`  NOT REVIEWED: ${finding.check} in ${finding.file}:${finding.line}`);
process.exit(unreviewed.length === 0 ? 0 : 1);
