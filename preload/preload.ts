import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelOf, eventNames, methodNames, type EventName, type MethodName } from '../shared/contract-names.js';
import type { AuthenticatorBridge, EventPayload } from '../shared/contract.js';

/**
 * The whole surface the page gets: one function per contract method and `on` for contract events, all derived
 * from shared/contract.ts. ipcRenderer itself, its events and arbitrary channels never cross the bridge.
 */
type MethodCalls = Omit<AuthenticatorBridge, 'on'>;

function caller<M extends MethodName>(name: M): AuthenticatorBridge[M] {
  const channel = channelOf.method(name);
  // Main validates the request against the contract; `{}` stands in for methods called without one.
  const call = (request?: RequestOrNothing): Promise<unknown> => ipcRenderer.invoke(channel, request ?? {});
  return call as AuthenticatorBridge[M];
}
type RequestOrNothing = Parameters<AuthenticatorBridge[MethodName]>[0] | undefined;

const knownEvents: ReadonlySet<string> = new Set(eventNames);

function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  // The page is not trusted: an unknown name must not become a subscription to some other channel.
  if (typeof event !== 'string' || !knownEvents.has(event)) throw new Error(`There is no event called "${String(event).slice(0, 64)}".`);
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
  const channel = channelOf.event(event);
  // Only the payload is passed on: the IPC event object would hand the page ipcRenderer (event.sender).
  const forward = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

// Built from the list of names at runtime, so the object's type is asserted once, here.
const calls = Object.fromEntries(methodNames.map((name) => [name, caller(name)])) as MethodCalls;
const bridge: AuthenticatorBridge = { ...calls, on };

contextBridge.exposeInMainWorld('authenticator', bridge);
