import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { exportPromptLabel, promptLabel, type SecretReleaseConfirmation } from '../core/accounts/secret-release-confirmation.js';

/** An unanswered question is declined after this long, so the window does not wait for ever. */
export const ANSWER_WITHIN_MS = 120_000;

export interface TerminalConfirmation extends SecretReleaseConfirmation {
  close(): void;
}

/**
 * The harness's confirmation (see secret-release-confirmation.ts): a question in the terminal the harness was started
 * from, answered by typing "yes". The browser page cannot answer it: nothing it can reach (its socket, any route)
 * writes to the harness's standard input, which only the terminal (or the process that started the harness) holds.
 * Questions are asked one at a time, and a line typed before a question is asked answers nothing.
 * Without a terminal (standard input closed or at its end) every answer is no.
 */
export function terminalConfirmation(input: Readable, output: Writable, answerWithinMs = ANSWER_WITHIN_MS): TerminalConfirmation {
  const lines = createInterface({ input, terminal: false });
  let ended = false;
  let answer: ((line: string | null) => void) | null = null;
  const settle = (line: string | null) => {
    const waiting = answer;
    answer = null;
    waiting?.(line);
  };
  lines.on('line', settle); // with no question open, the line is dropped
  lines.on('close', () => {
    ended = true;
    settle(null);
  });

  /** `question`: what is asked; `verb`: what yes does; `noTerminal`: the line written when there is nobody to ask. */
  const ask = async (question: string, verb: 'show it' | 'export them', noTerminal: string): Promise<boolean> => {
    if (ended) {
      output.write(`${noTerminal}; declined: no terminal to confirm it in.\n`);
      return false;
    }
    output.write(`Confirm: ${question}. Type yes and Enter to ${verb} (anything else declines): `);
    const line = await new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => settle(null), answerWithinMs);
      answer = (given) => {
        clearTimeout(timer);
        resolve(given);
      };
    });
    const yes = line?.trim().toLowerCase() === 'yes';
    output.write(yes ? (verb === 'show it' ? 'Shown.\n' : 'Exporting.\n') : line === null ? '\nDeclined (no answer).\n' : 'Declined.\n');
    return yes;
  };

  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = (question: () => Promise<boolean>): Promise<boolean> => {
    const asked = queue.then(question);
    queue = asked.catch(() => undefined);
    return asked;
  };
  return {
    confirmSecretRelease(request) {
      const label = promptLabel(request);
      return inTurn(() => ask(`the window asks to show the QR code and setup key of ${label}`, 'show it', `The window asked to show the setup key of ${label}`));
    },
    confirmExport(request) {
      const label = exportPromptLabel(request);
      return inTurn(() => ask(`the window asks to export ${label}, unencrypted`, 'export them', `The window asked to export ${label}`));
    },
    close: () => lines.close(),
  };
}
