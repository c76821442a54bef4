import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { terminalConfirmation, type TerminalConfirmation } from './terminal-confirmation.js';

// A terminal as two streams: what the person types (input) and what the harness prints (output).
let open: TerminalConfirmation[] = [];
afterEach(() => {
  for (const confirmation of open) confirmation.close();
  open = [];
});

function terminal(answerWithinMs?: number) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const confirmation = terminalConfirmation(input, output, answerWithinMs);
  open.push(confirmation);
  /** Resolves once the terminal shows a question for the nth time (1-based). */
  const question = (nth = 1) =>
    new Promise<void>((resolve) => {
      const check = () => (printed.split('Confirm:').length - 1 >= nth ? resolve() : setTimeout(check, 2));
      check();
    });
  return { input, confirmation, question, printed: () => printed };
}

const GITHUB = { issuer: 'GitHub', name: 'alice' };

describe('the harness asks in its terminal before a setup key leaves main', () => {
  it('shows only for yes, naming the account', async () => {
    const t = terminal();
    const asked = t.confirmation.confirmSecretRelease(GITHUB);
    await t.question();
    expect(t.printed()).toContain('the window asks to show the QR code and setup key of GitHub, alice');
    t.input.write('yes\n');
    expect(await asked).toBe(true);

    for (const [index, typed] of ['no', '', 'y', 'yes please'].entries()) {
      const again = t.confirmation.confirmSecretRelease(GITHUB);
      await t.question(index + 2);
      t.input.write(`${typed}\n`);
      expect(await again, typed).toBe(false);
    }
  });

  it('a line typed before the question answers nothing', async () => {
    const t = terminal();
    t.input.write('yes\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const asked = t.confirmation.confirmSecretRelease(GITHUB);
    await t.question();
    t.input.write('no\n');
    expect(await asked).toBe(false);
  });

  it('asks one question at a time, in order', async () => {
    const t = terminal();
    const first = t.confirmation.confirmSecretRelease(GITHUB);
    const second = t.confirmation.confirmSecretRelease({ issuer: 'Dropbox', name: 'bob' });
    await t.question(1);
    expect(t.printed()).not.toContain('Dropbox');
    t.input.write('no\n');
    await t.question(2);
    expect(t.printed()).toContain('Dropbox, bob');
    t.input.write('yes\n');
    expect([await first, await second]).toEqual([false, true]);
  });

  it('no answer in time, or no terminal at all: no', async () => {
    const slow = terminal(30);
    expect(await slow.confirmation.confirmSecretRelease(GITHUB)).toBe(false);
    expect(slow.printed()).toContain('Declined (no answer)');

    const closed = terminal();
    closed.input.end();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await closed.confirmation.confirmSecretRelease(GITHUB)).toBe(false);
    expect(closed.printed()).toContain('no terminal to confirm it in');
    expect(closed.printed()).not.toContain('Confirm:');
  });

  it('a name cannot print escape sequences into the terminal', async () => {
    const t = terminal();
    const asked = t.confirmation.confirmSecretRelease({ issuer: 'Bank\u001b[2K', name: 'x' });
    await t.question();
    expect(t.printed()).not.toContain('\u001b');
    expect(t.printed()).toContain('Bank<U+001B>[2K, x');
    t.input.write('no\n');
    await asked;
  });
});

describe('the harness asks in its terminal before a plain export', () => {
  it('names the format and count and exports only for yes', async () => {
    const t = terminal();
    const asked = t.confirmation.confirmExport({ format: 'google', count: 12 });
    await t.question();
    expect(t.printed()).toContain('the window asks to export Google Authenticator transfer QR codes of 12 accounts, unencrypted. Type yes and Enter to export them');
    t.input.write('yes\n');
    expect(await asked).toBe(true);
    const again = t.confirmation.confirmExport({ format: 'otpauth', count: 1 });
    await t.question(2);
    t.input.write('no\n');
    expect(await again).toBe(false);
  });
});
