import type { AuthenticatorBridge, EventName, EventPayload, MethodName, ReplyOf, RequestOf, Result } from '../../../shared/contract.js';
import { AppError } from '../../../shared/app-error.js';

declare global {
  interface Window {
    /** Built by the preload (Electron) or the harness bridge (browser) from the one contract. */
    readonly authenticator: AuthenticatorBridge;
  }
}

/** Calls a contract method; a failure arrives as a thrown AppError with its kind. */
export async function call<M extends MethodName>(method: M, ...request: Record<string, never> extends RequestOf<M> ? [RequestOf<M>?] : [RequestOf<M>]): Promise<ReplyOf<M>> {
  const invoke = window.authenticator[method] as (request: RequestOf<M>) => Promise<Result<ReplyOf<M>>>;
  const result = await invoke(request[0] ?? ({} as RequestOf<M>));
  if (!result.ok) throw AppError.from(result.error);
  return result.value;
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.authenticator.on(event, listener);
}
