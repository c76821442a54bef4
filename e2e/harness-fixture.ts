import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import type { MethodName, ReplyOf, RequestOf, Result, ScannerSource } from '../shared/contract.js';
import { hostScripts } from './hosts.js';

export interface Harness {
  /**
   * The one-time URL the harness printed to its terminal, as a person opens it: its first visit trades the token for
   * the browser's session cookie; later visits in the same browser context go on to the page (the token is spent, the
   * cookie is what counts). Another browser context cannot use it again: start another harness.
   */
  url: string;
  dataDir: string;
  /** Runs the command-line tool on the same data folder. */
  cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /**
   * Answers the next question the harness asks in its terminal before a setup key leaves main (exportAccount), as
   * the person at that terminal would; returns the account it named ("GitHub, alice").
   */
  answerSecretRelease(answer: 'yes' | 'no'): Promise<string>;
  /** The same for the question before a plain export (exportAccounts); returns what it named ("the otpauth:// links of 2 accounts…"). */
  answerExport(answer: 'yes' | 'no'): Promise<string>;
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


/** Starts the browser harness on a random port with a fresh data folder; the renderer must already be built. */
export async function startHarness(dataDir = mkdtempSync(path.join(tmpdir(), 'harness-')), extraArgs: string[] = []): Promise<Harness & { stop(): Promise<void> }> {
  const { child, url, output } = await spawnHarness(dataDir, extraArgs);
  return { url, dataDir, cli: (...args) => runCli(dataDir, args), answerSecretRelease: terminalAnswers(child, output), answerExport: terminalAnswers(child, output, EXPORT_QUESTION), stop: () => stop(child) };
}

/**
 * Like startHarness, with --test-controls: an adjustable clock and the clipboard/clock test endpoints. The test process
 * opens the printed URL itself (its own session) and reads the controls' secret from the harness's output; the page
 * gets the next one-time URL the harness prints.
 */
export async function startControlledHarness(
  dataDir = mkdtempSync(path.join(tmpdir(), 'harness-')),
  extraArgs: string[] = [],
): Promise<ControlledHarness & { stop(): Promise<void> }> {
  const { child, url, output } = await spawnHarness(dataDir, ['--test-controls', ...extraArgs]);
  try {
    const secret = (await output.waitFor(/^Test controls secret: (\S+)$/m))[1]!;
    const signedIn = await fetch(url, { redirect: 'manual' });
    const cookie = signedIn.headers.get('set-cookie')?.split(';')[0];
    if (signedIn.status !== 303 || !cookie) throw new Error(`the harness did not let the test process in: ${signedIn.status}`);
    const next = (await output.waitFor(/^For another browser, open \(once\): (\S+)$/m))[1]!;
    return {
      url: next,
      dataDir,
      cli: (...args) => runCli(dataDir, args),
      answerSecretRelease: terminalAnswers(child, output),
      answerExport: terminalAnswers(child, output, EXPORT_QUESTION),
      stop: () => stop(child),
      controls: testControls(url, cookie, secret),
    };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function testControls(url: string, cookie: string, secret: string): TestControls {
  const request = async (method: string, route: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(new URL(route, url), {
      method,
      headers: { cookie, 'x-harness-control': secret, 'content-type': 'application/json' },
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

const SETUP_KEY_QUESTION = /Confirm: the window asks to show the QR code and setup key of (.+?)\. Type yes/;
const EXPORT_QUESTION = /Confirm: the window asks to export (.+?), unencrypted\. Type yes/;

/** Types into the harness's terminal (its standard input) the answer to each such question it asks there, one after another. */
function terminalAnswers(child: ChildProcess, output: HarnessOutput, question = SETUP_KEY_QUESTION): Harness['answerSecretRelease'] {
  let answeredUpTo = 0;
  return async (answer) => {
    const asked = await output.waitFor(question, answeredUpTo);
    answeredUpTo = asked.end;
    child.stdin!.write(`${answer}\n`);
    return asked[1]!;
  };
}

/** Everything the harness wrote to its terminal so far, and a wait for a line to come. */
class HarnessOutput {
  private text = '';
  private readonly waiters = new Set<() => void>();

  append(chunk: string): void {
    this.text += chunk;
    for (const wake of this.waiters) wake();
  }

  /** The first match of `pattern` after `from` (an index into the output), waiting up to 30 s for it. */
  waitFor(pattern: RegExp, from = 0): Promise<RegExpMatchArray & { end: number }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.text.slice(from).match(pattern);
        if (!match) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(Object.assign(match, { end: from + (match.index ?? 0) + match[0].length }));
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`the harness did not print ${pattern}:\n${this.text}`));
      }, 30_000);
      if (!check()) this.waiters.add(check);
    });
  }

  toString(): string {
    return this.text;
  }
}

async function spawnHarness(dataDir: string, extra: string[]): Promise<{ child: ChildProcess; url: string; output: HarnessOutput }> {
  const child = spawn(process.execPath, ['--enable-source-maps', (await hostScripts()).harness, '--data-dir', dataDir, '--port', '0', ...extra], { stdio: ['pipe', 'pipe', 'pipe'] });
  const output = new HarnessOutput();
  child.stdout!.on('data', (chunk: Buffer) => output.append(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.append(chunk.toString()));
  const exited = new Promise<never>((_resolve, reject) => child.on('exit', (code) => reject(new Error(`harness exited with ${code}:\n${output.toString()}`))));
  exited.catch(() => undefined);
  // The one-time URL, printed once the harness listens.
  const ready = await Promise.race([output.waitFor(/^Ready: (\S+)$/m), exited]);
  return { child, url: ready[1]!, output };
}

async function runCli(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { cli } = await hostScripts();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', cli, '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
/**
 * Another page of the harness (/tray, /quick) through its one-time URL: the token buys this browser its session there
 * too. Only the first page a browser opens needs it; later ones can use the plain path.
 */
export function harnessPage(harness: Harness, pathname: string): string {
  const url = new URL(harness.url);
  url.pathname = pathname;
  return url.href;
}

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
