import { AppError, type ErrorKind } from '../../../shared/app-error.js';

/** What went wrong at a step: its kind chooses the way on (the buttons, and the words after the message). */
export type Failure = { kind: ErrorKind; message: string };

export function failureOf(error: unknown): Failure {
  return error instanceof AppError ? { kind: error.kind, message: error.message } : { kind: 'internal', message: 'Something went wrong; try again.' };
}

/** What to do next, where the message itself cannot know (it comes from the cloud or the file format). */
const WAY_OUT: Partial<Record<ErrorKind, string>> = {
  network: ' Nothing on this PC or in OneDrive was changed.',
  backupDamaged:
    ' If your old PC still has your accounts, make a new backup there: in Settings > Backup turn backup off, then on again. The damaged file in OneDrive was left as it is.',
};

export function FailureMessage({ failure }: { failure: Failure | null }) {
  if (!failure) return null;
  return (
    <p id="recovery-failure" className="form-error" role="alert">
      {failure.message}
      {WAY_OUT[failure.kind] ?? ''}
    </p>
  );
}
