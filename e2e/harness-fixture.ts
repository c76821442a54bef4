import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import type { MethodName, ReplyOf, RequestOf, Result, ScannerSource } from '../shared/contract.js';

export interface Harness {
  url: string;
  dataDir: string;
  /** Runs the command-line tool on the same data folder. */
  cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** The harness's test endpoints (started with --test-controls): its in-memory clipboard and its adjustable clock. */
export interface TestControls {
  readClipboard(): Promise<string>;
  /** Simulates the person copying something else. */
  writeClipboard(text: string): Promise<void>;
  /** Moves main's clock forward; timers due on the way (clipboard clear, code rollover) fire at once. Returns main's time. */
  advanceClock(ms: number): Promise<number>;
  /** Main's clock, ms since the epoch. */
  now(): Promise<number>;
  /** What the QR scanner last asked main to allow (setScannerSource), and every change so far. */
  capture(): Promise<{ source: ScannerSource; history: ScannerSource[] }>;
}

export interface ControlledHarness extends Harness {
  controls: TestControls;
}

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** Starts the browser harness on a random port with a fresh data folder; the renderer must already be built. */
export async function startHarness(dataDir = mkdtempSync(path.join(tmpdir(), 'harness-')), extraArgs: string[] = []): Promise<Harness & { stop(): Promise<void> }> {
  const { child, url } = await spawnHarness(dataDir, extraArgs);
  return { url, dataDir, cli: (...args) => runCli(dataDir, args), stop: () => stop(child) };
}

/** Like startHarness, with --test-controls: an adjustable clock and the clipboard/clock test endpoints. */
export async function startControlledHarness(
  dataDir = mkdtempSync(path.join(tmpdir(), 'harness-')),
  extraArgs: string[] = [],
): Promise<ControlledHarness & { stop(): Promise<void> }> {
  const { child, url } = await spawnHarness(dataDir, ['--test-controls', ...extraArgs]);
  try {
    // The same token the page gets guards the test endpoints.
    const page = await (await fetch(url)).text();
    const token = page.match(/name="harness-token" content="([^"]+)"/)?.[1];
    if (!token) throw new Error('the harness page has no token');
    return { url, dataDir, cli: (...args) => runCli(dataDir, args), stop: () => stop(child), controls: testControls(url, token) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function testControls(url: string, token: string): TestControls {
  const request = async (method: string, route: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(new URL(route, url), {
      method,
      headers: { 'x-harness-token': token, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    readClipboard: async () => String((await request('GET', '/test/clipboard')).text),
    writeClipboard: async (text) => void (await request('PUT', '/test/clipboard', { text })),
    advanceClock: async (ms) => Number((await request('POST', '/test/clock/advance', { ms })).now),
    now: async () => Number((await request('GET', '/test/clock')).now),
    capture: async () => (await request('GET', '/test/capture')) as { source: ScannerSource; history: ScannerSource[] },
  };
}

async function spawnHarness(dataDir: string, extra: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(tsx, [path.join(root, 'main/harness/main.ts'), '--data-dir', dataDir, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.match(/^Ready: (\S+)$/m);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`harness exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

function runCli(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [path.join(root, 'main/cli/main.ts'), '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // A harness that has not exited 10 s after SIGTERM is killed, so a slow shutdown fails no test that passed.
  const killer = setTimeout(() => {
    console.warn(`the harness (pid ${child.pid}) did not stop within 10 s of SIGTERM; killing it`);
    child.kill('SIGKILL');
  }, 10_000);
  await exited;
  clearTimeout(killer);
}

/** Calls a contract method through the page's bridge (`window.authenticator`), as the renderer does. */
export async function callContract<M extends MethodName>(page: Page, method: M, request: RequestOf<M>): Promise<Result<ReplyOf<M>>> {
  const result: unknown = await page.evaluate(
    ([name, body]) => (globalThis as unknown as { authenticator: Record<string, (r: unknown) => Promise<unknown>> }).authenticator[name]!(body),
    [method, request] as [string, unknown],
  );
  return result as Result<ReplyOf<M>>;
}

/** The recovery account of the cloud specs: the `emulators` fixture creates it (a personal Microsoft account). */
export const ALICE = { username: 'alice@outlook.com', password: 'alice-password', displayName: 'Alice' };

/** Empties the emulators (accounts, files, faults, the request log) and creates ALICE. */
export async function resetEmulators(emulators: RunningEmulators): Promise<void> {
  await emulators.control.reset();
  await emulators.control.createUser(ALICE);
}

export const test = base.extend<{ harness: Harness; controlledHarness: ControlledHarness; emulators: RunningEmulators }, { workerEmulators: RunningEmulators }>({
  harness: async ({}, use) => {
    const harness = await startHarness();
    await use(harness);
    await harness.stop();
  },
  /** A harness started with --test-controls. */
  controlledHarness: async ({}, use) => {
    const harness = await startControlledHarness();
    await use(harness);
    await harness.stop();
  },
  /**
   * The emulators of Microsoft's sign-in and OneDrive, started once per worker (by the first spec that asks for them;
   * the others never start them) and closed when it ends. A beforeAll hook takes this one, after resetEmulators().
   */
  workerEmulators: [
    async ({}, use) => {
      const emulators = await startEmulators();
      await use(emulators);
      await emulators.close();
    },
    { scope: 'worker' },
  ],
  /** The worker's emulators, reset before the test: ALICE is their only account, and nothing is in her OneDrive. */
  emulators: async ({ workerEmulators }, use) => {
    await resetEmulators(workerEmulators);
    await use(workerEmulators);
  },
});
export { expect } from '@playwright/test';
