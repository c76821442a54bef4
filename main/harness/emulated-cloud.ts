import { EmulatorControl } from '../../emulators/control-client.js';
import { appCloudSettings, startEmulators, type RunningEmulators } from '../../emulators/index.js';
import { IdentityConfig } from '../core/identity/identity-config.js';

/** The client id the harness uses with the emulators (they accept any; a real one comes from an Azure app registration). */
export const HARNESS_CLIENT_ID = '0b7e2c1d-4a5f-4e8b-9c6d-1f2a3b4c5d6e';
export const DEMO_USER = { username: 'alice@outlook.com', password: 'alice-demo-password', displayName: 'Alice (demo)' };

export interface EmulatedCloud {
  config: IdentityConfig;
  ca: string;
  /** What to print for a person trying it by hand. */
  describe(): string;
  close(): Promise<void>;
}

/**
 * `--cloud emulated`: the identity platform and OneDrive emulators, started here with a demo account, or (with
 * `--emulators <control URL>`) ones already running, so two harnesses can share a recovery account as two PCs.
 */
export async function emulatedCloud(controlUrl: string | undefined): Promise<EmulatedCloud> {
  let own: RunningEmulators | undefined;
  let control: EmulatorControl;
  if (controlUrl) {
    control = new EmulatorControl(controlUrl);
  } else {
    own = await startEmulators();
    control = own.control;
    await control.createUser(DEMO_USER);
  }
  const running = await control.config();
  const config = IdentityConfig.parse({ clientId: HARNESS_CLIENT_ID, ...appCloudSettings(running) });
  return {
    config,
    ca: running.ca,
    describe: () =>
      own
        ? `cloud: emulated (sign-in page ${running.authorizeEndpoint}, Graph ${running.graphBaseUrl}, control ${running.controlUrl})\n` +
          `       recovery account for trying it: ${DEMO_USER.username}, password ${DEMO_USER.password}`
        : `cloud: the emulators at ${running.controlUrl}`,
    close: async () => {
      await own?.close();
    },
  };
}
