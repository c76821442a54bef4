import { useCallback, useRef, useState } from 'react';
import { AppError, type ErrorKind, type InputField } from '../../../shared/app-error.js';

/** What to tell the person about a failure: an AppError's own message (written for people, with the way out), else `fallback`. */
export function failureMessage(caught: unknown, fallback: string): string {
  return caught instanceof AppError ? caught.message : fallback;
}

export interface Action {
  /** A run is under way. */
  busy: boolean;
  /** What went wrong in the last run (or what `setError` said); null before any, and again when a new run starts. */
  error: string | null;
  /** The form field the last failure is about, when main named one (`invalidInput`). */
  errorField: InputField | undefined;
  /** The kind of the last failure when main said it (an AppError), so a form can offer the way out that kind has. */
  errorKind: ErrorKind | undefined;
  /**
   * Runs `work` (a call to main, mostly): the error cleared first, busy meanwhile, and what it throws said in `error`
   * (`fallback` for what is not an AppError). Resolves to `{ value }` when it succeeded, to null when it failed or was
   * superseded; it never rejects. Only the latest run counts: the outcome of one that another run or `cancel` came
   * after is not news, and changes neither `busy` nor `error`.
   */
  run<T>(work: () => Promise<T>, fallback?: string): Promise<{ value: T } | null>;
  /** Leaves the run under way to itself (a sign-in the person cancelled): busy ends now, its outcome is ignored. */
  cancel(): void;
  /** Says a problem found before running anything (an empty field), or with null clears what is said. */
  setError(message: string | null): void;
}

/**
 * The busy state and the error message of something a person does (a button, a form) that asks main for something
 * and may fail: the try/catch/finally, and the AppError message with a fallback, that every such component had.
 */
export function useAction(fallback = 'Something went wrong; try again.'): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; field: InputField | undefined; kind?: ErrorKind } | null>(null);
  const latest = useRef(0);

  const run = useCallback(
    async <T>(work: () => Promise<T>, fallbackHere = fallback): Promise<{ value: T } | null> => {
      const mine = ++latest.current;
      setFailure(null);
      setBusy(true);
      try {
        const value = await work();
        return mine === latest.current ? { value } : null;
      } catch (caught) {
        if (mine === latest.current) {
          setFailure(caught instanceof AppError ? { message: caught.message, field: caught.field, kind: caught.kind } : { message: fallbackHere, field: undefined });
        }
        return null;
      } finally {
        if (mine === latest.current) setBusy(false);
      }
    },
    [fallback],
  );
  const cancel = useCallback(() => {
    latest.current++;
    setBusy(false);
  }, []);
  const setError = useCallback((message: string | null) => setFailure(message === null ? null : { message, field: undefined }), []);

  return { busy, error: failure?.message ?? null, errorField: failure?.field, errorKind: failure?.kind, run, cancel, setError };
}
