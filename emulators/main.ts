/**
 * `npm run emulators`: the identity platform and OneDrive emulators on their own, with a demo personal account,
 * for the browser harness or for trying the sign-in by hand. Stops on Ctrl+C.
 *
 *   npm run emulators -- [--port N] [--sign-in-port N] [--control-port N] [--config-out FILE]
 *
 * --config-out writes what GET /config answers (authority, MSAL metadata, Graph URL, CA PEM, ...) to FILE as JSON.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulators } from './index.js';

const DEMO_USER = { username: 'demo@example.com', password: 'demo-password', displayName: 'Demo User' };

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new Error(`${flag} must be a port number (0-65535), not "${value}".`);
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'sign-in-port': { type: 'string' },
      'control-port': { type: 'string' },
      'config-out': { type: 'string' },
    },
  });
  const emulators = await startEmulators({
    port: port(values.port, '--port'),
    signInPort: port(values['sign-in-port'], '--sign-in-port'),
    controlPort: port(values['control-port'], '--control-port'),
  });
  await emulators.control.createUser(DEMO_USER);
  const caFile = path.join(os.tmpdir(), `authenticator-emulators-ca-${process.pid}.pem`);
  await fs.writeFile(caFile, emulators.ca);
  if (values['config-out']) await fs.writeFile(values['config-out'], JSON.stringify(await emulators.control.config(), null, 2));

  console.log(`Emulators of the Microsoft identity platform and OneDrive are running (loopback only).

  Authority (MSAL):   ${emulators.authority}   knownAuthorities: ${emulators.knownAuthorities.join(', ')}
  Sign-in page:       ${emulators.authorizeEndpoint}
  Token endpoint:     ${emulators.tokenEndpoint}
  Graph:              ${emulators.graphBaseUrl}
  Control API:        ${emulators.controlUrl}   (GET ${emulators.controlUrl}/config: all of this as JSON)
  CA certificate:     ${caFile}${values['config-out'] ? `\n  Configuration:      ${values['config-out']}` : ''}

  Demo personal account: ${DEMO_USER.username}   password: ${DEMO_USER.password}

Press Ctrl+C to stop.`);

  const stop = async () => {
    await emulators.close();
    await fs.rm(caFile, { force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
