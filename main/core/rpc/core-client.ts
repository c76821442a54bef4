import { methodNames, type MethodName, type ReplyOf, type RequestOf } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { Dispatch } from './dispatcher.js';

/**
 * The contract as typed functions for callers inside main (the tray, the hosts' own pages, tests): each call goes
 * through the dispatcher like a call from the window (request and reply parsed by their schemas) and returns the
 * reply, or throws the AppError. So nothing in-process unwraps a `Result<unknown>` by hand.
 */
export type CoreClient = { [M in MethodName]: (request: RequestOf<M>) => Promise<ReplyOf<M>> };

export function createCoreClient(dispatch: Dispatch): CoreClient {
  const entries = methodNames.map((name) => [
    name,
    async (request: unknown) => {
      const result = await dispatch(name, request);
      if (!result.ok) throw AppError.from(result.error);
      return result.value; // parsed by the method's reply schema in the dispatcher
    },
  ]);
  return Object.fromEntries(entries) as CoreClient;
}
