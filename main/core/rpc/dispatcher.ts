import type { z } from 'zod';
import { methods, isMethodName, type MethodName, type Methods, type ReplyOf, type Result } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { Logger } from '../logger.js';

/** One handler per contract method, receiving the request as its schema parsed it. */
export type Handlers = {
  [M in MethodName]: (request: z.output<Methods[M]['request']>) => Promise<ReplyOf<M>>;
};

export type Dispatch = (method: string, request: unknown) => Promise<Result<unknown>>;

/**
 * The single entry point every host's transport calls: unknown methods and requests that fail their schema are
 * rejected with typed errors before any handler runs; replies are parsed by their schema on the way out.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (method, request) => {
    if (!isMethodName(method)) return failure(new AppError('unknownMethod', `There is no method called "${method.slice(0, 64)}".`));
    const schema = methods[method];
    const parsed = schema.request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
      return failure(new AppError('invalidRequest', `The request to ${method} is not valid${where}: ${issue?.message ?? 'unknown problem'}.`));
    }
    try {
      const handler = handlers[method] as (request: unknown) => Promise<unknown>;
      const reply = schema.reply.safeParse(await handler(parsed.data));
      if (!reply.success) {
        log.error(`reply of ${method} does not match the contract`);
        return failure(new AppError('internal', 'Something went wrong inside the app. Please try again.'));
      }
      return { ok: true, value: reply.data };
    } catch (error) {
      if (error instanceof AppError) return failure(error);
      log.error(`${method} failed`, error);
      return failure(new AppError('internal', 'Something went wrong inside the app. Please try again.'));
    }
  };
}

function failure(error: AppError): Result<never> {
  return { ok: false, error: error.toData() };
}
