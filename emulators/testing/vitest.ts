import { afterAll, beforeAll, beforeEach } from 'vitest';
import { nodeHttpTransport, type HttpTransport, type NodeTransportOptions } from '../../main/core/net/http-transport.js';
import { startEmulators, type EmulatedUserInput, type RunningEmulators } from '../index.js';

export interface UseEmulatorsOptions {
  /** The accounts every test starts with, created in this order after the reset. */
  users?: readonly EmulatedUserInput[];
  /** Options of the transport beside the emulators' CA (e.g. a short `timeoutMs`, so a "timeout" fault is quick). */
  transport?: Omit<NodeTransportOptions, 'ca'>;
}

export interface EmulatorsInTests {
  /** The emulators of this test file: started once, and emptied before every test but for `users`. */
  emulators: RunningEmulators;
  /** The app's own HTTP transport, trusting the emulators' CA and nothing else besides the system's. */
  transport: HttpTransport;
}

/**
 * The emulators for a Vitest file: starts them before its tests (beforeAll), closes them after (afterAll), and
 * before each test resets them and creates `users`. Call it at the top level of the file, before its own hooks, which
 * then run after these:
 *
 *   const { emulators, transport } = useEmulators({ users: [ALICE] });
 *
 * Both stand for what beforeAll starts, so they can be taken apart at the top level; they may be used only inside
 * tests and hooks (before that, using them throws).
 */
export function useEmulators(options: UseEmulatorsOptions = {}): EmulatorsInTests {
  let running: { emulators: RunningEmulators; transport: HttpTransport } | undefined;
  const current = () => {
    if (!running) throw new Error('useEmulators: the emulators run only inside tests and hooks (they start in beforeAll)');
    return running;
  };
  beforeAll(async () => {
    const emulators = await startEmulators();
    running = { emulators, transport: nodeHttpTransport({ ...options.transport, ca: emulators.ca }) };
  });
  afterAll(async () => {
    await running?.emulators.close();
    running = undefined;
  });
  beforeEach(async () => {
    const { control } = current().emulators;
    await control.reset();
    for (const user of options.users ?? []) await control.createUser(user);
  });
  return {
    emulators: new Proxy({} as RunningEmulators, { get: (_target, key) => Reflect.get(current().emulators, key) as unknown }),
    transport: { send: (request) => current().transport.send(request) },
  };
}
