import { FaultInjector } from './faults.js';
import type { JwtSigner } from './identity/jwt.js';
import { SignInFlows } from './identity/sign-in-flows.js';
import { RequestLog } from './request-log.js';
import { DownloadLinks } from './state/download-links.js';
import { DriveStore } from './state/drive.js';
import { TokenStore } from './state/tokens.js';
import { UploadSessions } from './state/upload-sessions.js';
import { UserDirectory } from './state/users.js';

export interface EmulatorOrigins {
  /** https://127.0.0.1:PORT: the identity platform's token/discovery endpoints and Graph. */
  api: string;
  /**
   * https://localhost:PORT: pre-authenticated download and upload-session URLs. Another host than Graph's, as in
   * OneDrive (where they live on content hosts), so a client that leaks its token to them is caught.
   */
  content: string;
  /** http://127.0.0.1:PORT: the sign-in pages a browser shows (no certificate exception needed). */
  signIn: string;
  /** http://127.0.0.1:PORT: the control API. */
  control: string;
}

/** Everything the emulators hold, in memory; one instance per startEmulators(). */
export interface EmulatorState {
  origins: EmulatorOrigins;
  ca: string;
  signer: JwtSigner;
  users: UserDirectory;
  tokens: TokenStore;
  flows: SignInFlows;
  drives: DriveStore;
  uploads: UploadSessions;
  downloads: DownloadLinks;
  faults: FaultInjector;
  log: RequestLog;
  /** null: any non-empty client id is accepted (the default). */
  allowedClientIds: Set<string> | null;
  /** Added to the time in every service response's Date header (tests of a wrong computer clock); 0 by default. */
  dateSkewMs: number;
}

export function createState(origins: EmulatorOrigins, ca: string, signer: JwtSigner): EmulatorState {
  return {
    origins,
    ca,
    signer,
    users: new UserDirectory(),
    tokens: new TokenStore(),
    flows: new SignInFlows(),
    drives: new DriveStore(),
    uploads: new UploadSessions(),
    downloads: new DownloadLinks(),
    faults: new FaultInjector(),
    log: new RequestLog(),
    allowedClientIds: null,
    dateSkewMs: 0,
  };
}

/** Back to a freshly started emulator (same ports, certificates and keys). */
export function resetState(state: EmulatorState): void {
  state.users.clear();
  state.tokens.clear();
  state.flows.clear();
  state.drives.clear();
  state.uploads.clear();
  state.downloads.clear();
  state.faults.clear();
  state.log.clear();
  state.allowedClientIds = null;
  state.dateSkewMs = 0;
}
