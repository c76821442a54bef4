import { useCallback, useState } from 'react';
import { flushSync } from 'react-dom';
import type { SameNameChoice } from '../../../shared/account.js';
import { AppError } from '../../../shared/app-error.js';

/** Asks the person what to do with an account named like one here (main's message); null: cancelled. */
export type AskSameName = (message: string) => Promise<SameNameChoice | null>;

/**
 * Adds with `add`; when main refuses it as `sameNameAccount` (main/core/accounts/same-name.ts holds the rule), asks
 * and adds again with the person's choice. Null when they cancel: nothing was added.
 */
export async function addAskingOnSameName<T>(add: (ifSameName?: SameNameChoice) => Promise<T>, ask: AskSameName): Promise<T | null> {
  try {
    return await add();
  } catch (caught) {
    if (!(caught instanceof AppError && caught.kind === 'sameNameAccount')) throw caught;
    const choice = await ask(caught.message);
    return choice === null ? null : add(choice);
  }
}

interface Pending {
  message: string;
  answer(choice: SameNameChoice | null): void;
}

/** The question waiting for an answer (shown by `SameNameQuestion`), and `ask` for addAskingOnSameName. */
export function useSameNameQuestion(): { pending: Pending | null; ask: AskSameName } {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback<AskSameName>(
    (message) => {
      // The control that asked to add (the form's button): a Cancel puts the focus back there, not on the page.
      const asker = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return new Promise((resolve) =>
        setPending({
          message,
          answer: (choice) => {
            flushSync(() => setPending(null));
            if (choice === null && asker?.isConnected) asker.focus();
            resolve(choice);
          },
        }),
      );
    },
    [],
  );
  return { pending, ask };
}

/** "You already have GitHub, alice. This is a different setup key…": a second account (the first button), replace, or cancel. */
export function SameNameQuestion({ pending }: { pending: Pending }) {
  return (
    <div className="callout warning" role="alertdialog" aria-labelledby="same-name-title" aria-describedby="same-name-text">
      <h3 id="same-name-title">Same name, different key</h3>
      <p id="same-name-text">{pending.message}</p>
      <div className="row">
        <button type="button" autoFocus onClick={() => pending.answer('addSecond')}>
          Add as a second account
        </button>
        <button type="button" className="secondary" onClick={() => pending.answer('replace')}>
          Replace the old key
        </button>
        <button type="button" className="secondary" onClick={() => pending.answer(null)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
