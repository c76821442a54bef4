/**
 * Local emulators of what the app uses of the Microsoft identity platform and of OneDrive's app folder, so real MSAL
 * Node and the real Graph client run against loopback in tests and in the browser harness. See README.md here.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { EmulatorControl } from './control-client.js';
import { controlHandler } from './control-api.js';
import type { EmulatorConfig } from './control-types.js';
import { serviceHandler } from './dispatch.js';
import { graphRoutes } from './graph/graph-routes.js';
import { authorizeRoutes } from './identity/authorize-routes.js';
import { identityRoutes } from './identity/identity-routes.js';
import { createJwtSigner } from './identity/jwt.js';
import { msalMetadataOptions } from './identity/metadata.js';
import { createState, type EmulatorOrigins } from './state.js';
import { createEmulatorCertificates } from './tls.js';

export { EmulatorControl, EmulatorControlError } from './control-client.js';
export type { EmulatorConfig, FaultInput, FaultView, FileView, RequestRecord, SettingsView, UserView } from './control-types.js';

export interface EmulatedUserInput {
  username: string;
  password: string;
  displayName?: string;
  /** 'work' users exist to test the "work or school account where a personal one is needed" refusal. */
  kind?: 'personal' | 'work';
}

export interface RunningEmulators {
  /** e.g. https://127.0.0.1:PORT/consumers — what MSAL is configured with (plus `authorityMetadata`/`cloudDiscoveryMetadata`). */
  authority: string;
  /** The JSON strings MSAL's `authorityMetadata` and `cloudDiscoveryMetadata` options take, so MSAL needs no discovery. */
  authorityMetadata: string;
  cloudDiscoveryMetadata: string;
  /** e.g. https://127.0.0.1:PORT/v1.0 — the Graph client's base URL. */
  graphBaseUrl: string;
  /** The emulators' CA certificate (PEM), to trust through the app's HTTP transport. */
  ca: string;
  /** Plain-HTTP loopback URL of the control API (see control-api.ts). */
  controlUrl: string;
  /** MSAL's `knownAuthorities`: the authority's host and port, e.g. ["127.0.0.1:PORT"]. */
  knownAuthorities: string[];
  /** Where the sign-in page is: plain http on loopback, so a browser needs no certificate exception. */
  authorizeEndpoint: string;
  tokenEndpoint: string;
  /** A typed client of the control API at `controlUrl`. */
  control: EmulatorControl;
  close(): Promise<void>;
}

export interface StartEmulatorsOptions {
  /** The https port of the identity platform and Graph (default: any free port). */
  port?: number;
  /** The control API's port (default: any free port). */
  controlPort?: number;
  /** The plain-http port of the sign-in pages (default: any free port). */
  signInPort?: number;
}

/**
 * What the app's cloud configuration (the fields of `cloud.json`, main/core/identity/identity-config.ts) says to use
 * these emulators, its client id apart: MSAL needs no discovery request and nothing goes to a Microsoft endpoint.
 */
export function appCloudSettings(emulators: EmulatorConfig): Pick<EmulatorConfig, 'authority' | 'knownAuthorities' | 'authorityMetadata' | 'cloudDiscoveryMetadata' | 'graphBaseUrl'> {
  const { authority, knownAuthorities, authorityMetadata, cloudDiscoveryMetadata, graphBaseUrl } = emulators;
  return { authority, knownAuthorities, authorityMetadata, cloudDiscoveryMetadata, graphBaseUrl };
}

/** The tenant the app signs in at: personal Microsoft accounts only. */
const TENANT = 'consumers';

export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<RunningEmulators> {
  const [certificates, signer] = await Promise.all([createEmulatorCertificates(), createJwtSigner()]);
  const api = https.createServer({ key: certificates.key, cert: certificates.cert });
  const signIn = http.createServer();
  const control = http.createServer();
  const servers = [api, signIn, control];
  for (const server of servers) {
    // Longer than Node's 5 s default, so a client's idle keep-alive socket is not closed under a request it is sending.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  try {
    const [apiPort, signInPort, controlPort] = await Promise.all([listen(api, options.port), listen(signIn, options.signInPort), listen(control, options.controlPort)]);
    const origins: EmulatorOrigins = {
      api: `https://127.0.0.1:${apiPort}`,
      content: `https://localhost:${apiPort}`,
      signIn: `http://127.0.0.1:${signInPort}`,
      control: `http://127.0.0.1:${controlPort}`,
    };
    const state = createState(origins, certificates.ca, signer);
    // The https origin serves everything; the plain-http one only the pages a browser shows (never tokens or Graph).
    api.on('request', serviceHandler(state, origins.api, { login: identityRoutes(state), graph: graphRoutes(state) }));
    signIn.on('request', serviceHandler(state, origins.signIn, { login: authorizeRoutes(state) }));
    const config: EmulatorConfig = {
      authority: `${origins.api}/${TENANT}`,
      ...msalMetadataOptions(origins, TENANT, 'consumers'),
      knownAuthorities: [new URL(origins.api).host],
      authorizeEndpoint: `${origins.signIn}/${TENANT}/oauth2/v2.0/authorize`,
      tokenEndpoint: `${origins.api}/${TENANT}/oauth2/v2.0/token`,
      graphBaseUrl: `${origins.api}/v1.0`,
      ca: certificates.ca,
      controlUrl: origins.control,
    };
    control.on('request', controlHandler(state, config));
    return { ...config, control: new EmulatorControl(origins.control), close: () => closeAll(servers) };
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
}

/** Loopback only: nothing else on the network can reach the emulators. */
function listen(server: http.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function closeAll(servers: http.Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          // Keep-alive connections (MSAL's and the transport's agents) would otherwise hold close() open.
          server.closeAllConnections();
        }),
    ),
  );
}
