import { z } from 'zod';
import { errorKinds, inputFields, type AppErrorData as AppErrorShape, type ErrorKind as Kind, type InputField as Field } from './app-error.js';

// The error value and its kinds live in app-error.ts (no schemas, so the renderer can import them cheaply); these are
// their schemas for the wire, and the re-exports keep one import path for main.
export { AppError, invalidInput } from './app-error.js';

export const ErrorKind = z.enum(errorKinds);
export type ErrorKind = Kind;
export const InputField = z.enum(inputFields);
export type InputField = Field;

export const AppErrorData = z.object({
  kind: ErrorKind,
  message: z.string(),
  field: InputField.optional(),
}) satisfies z.ZodType<AppErrorShape>;
export type AppErrorData = AppErrorShape;
