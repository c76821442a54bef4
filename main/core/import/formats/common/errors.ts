import { AppError } from '../../../../../shared/errors.js';

/** The two failures a reader reports about a file it recognised; the messages are for people. */
export function damagedFile(app: string, why: string): AppError {
  return new AppError('damagedFile', `This ${app} file is damaged or incomplete: ${why}`);
}

export function wrongPassword(app: string): AppError {
  return new AppError('wrongPassword', `The password does not open this ${app} file.`);
}
