import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';

/**
 * Which app registration the recovery-account sign-in uses, and where. Authenticator is a public client: there is
 * no client secret anywhere (a desktop app cannot keep one), so a secret in the configuration is refused.
 *
 * Sources, later ones winning field by field:
 *   1. the JSON file `<dataDir>/cloud.json` (or the path in AUTHENTICATOR_CLOUD_CONFIG, or the one the host passes);
 *   2. environment variables (below).
 * With no client id anywhere, cloud backup is simply not configured (null), which is not an error.
 */
export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/consumers';
export const CLOUD_CONFIG_FILE = 'cloud.json';

export const IDENTITY_ENV = {
  clientId: 'AUTHENTICATOR_CLIENT_ID',
  authority: 'AUTHENTICATOR_AUTHORITY',
  /** Comma-separated host names. */
  knownAuthorities: 'AUTHENTICATOR_KNOWN_AUTHORITIES',
  authorityMetadata: 'AUTHENTICATOR_AUTHORITY_METADATA',
  cloudDiscoveryMetadata: 'AUTHENTICATOR_CLOUD_DISCOVERY_METADATA',
  graphBaseUrl: 'AUTHENTICATOR_GRAPH_BASE_URL',
  /** Path of the JSON file, instead of `<dataDir>/cloud.json`. */
  configFile: 'AUTHENTICATOR_CLOUD_CONFIG',
} as const;

const httpsUrl = (what: string) =>
  z.url({ protocol: /^https$/, error: `${what} must be an https:// URL` }).refine((value) => !new URL(value).search && !new URL(value).hash, `${what} must not have a query or a fragment`);

/** MSAL takes these as JSON text; the file may hold them as JSON objects too. */
const jsonText = (what: string) =>
  z.union([z.string(), z.record(z.string(), z.unknown())]).transform((value, context) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return text;
    } catch {
      // reported below
    }
    context.addIssue({ code: 'custom', message: `${what} must be a JSON object` });
    return z.NEVER;
  });

export const IdentityConfig = z
  .object({
    clientId: z.guid({ error: 'clientId must be the application (client) id of the app registration, a GUID' }),
    authority: httpsUrl('authority').default(DEFAULT_AUTHORITY),
    /** Host names MSAL may trust without instance discovery (emulators, private clouds). */
    knownAuthorities: z.array(z.string().min(1)).optional(),
    /** The authority's OpenID configuration, so MSAL makes no discovery request (emulators). */
    authorityMetadata: jsonText('authorityMetadata').optional(),
    /** An instance-discovery response, so MSAL makes no discovery request (emulators). */
    cloudDiscoveryMetadata: jsonText('cloudDiscoveryMetadata').optional(),
    /** Graph's root including the version, e.g. https://graph.microsoft.com/v1.0. */
    graphBaseUrl: httpsUrl('graphBaseUrl').optional(),
  })
  .strict();
export type IdentityConfig = z.output<typeof IdentityConfig>;

export interface LoadIdentityConfigOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** A config file the host names explicitly (e.g. a command-line flag); overrides AUTHENTICATOR_CLOUD_CONFIG. */
  configFile?: string;
}

/**
 * The identity configuration, or null when no client id is configured. A configuration that is present but wrong
 * fails with AppError('notConfigured') saying which setting, in which place, is wrong.
 */
export async function loadIdentityConfig({ dataDir, env = process.env, configFile }: LoadIdentityConfigOptions): Promise<IdentityConfig | null> {
  const file = configFile ?? nonEmpty(env[IDENTITY_ENV.configFile]) ?? path.join(dataDir, CLOUD_CONFIG_FILE);
  const explicitFile = file !== path.join(dataDir, CLOUD_CONFIG_FILE);
  const fromFile = await readConfigFile(file, explicitFile);
  const merged = { ...fromFile, ...fromEnv(env) };
  if (merged.clientId === undefined) return null;
  const parsed = IdentityConfig.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => (issue.code === 'unrecognized_keys' ? `unknown setting ${issue.keys.join(', ')}` : issue.message));
    throw new AppError('notConfigured', `The cloud backup configuration (in ${file} or the AUTHENTICATOR_* environment variables) is not valid: ${problems.join('; ')}.`);
  }
  return parsed.data;
}

/** What the backup page says when nothing is configured: how to configure it. */
export function notConfiguredMessage(dataDir: string): string {
  return (
    `Cloud backup is not configured on this PC. Register a public-client app for personal Microsoft accounts ` +
    `(redirect URI http://localhost) and put its client id in ${path.join(dataDir, CLOUD_CONFIG_FILE)} as ` +
    `{ "clientId": "<application id>" }, or set ${IDENTITY_ENV.clientId}. The README explains the steps.`
  );
}

async function readConfigFile(file: string, mustExist: boolean): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !mustExist) return {};
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new AppError('notConfigured', `The cloud backup configuration file ${file} ${reason}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('notConfigured', `The cloud backup configuration file ${file} is not valid JSON.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AppError('notConfigured', `The cloud backup configuration file ${file} must hold a JSON object such as { "clientId": "…" }.`);
  }
  if (Object.keys(json).some((key) => /secret|certificate|assertion/i.test(key))) {
    // A desktop app cannot keep a secret; refusing it keeps people from shipping one in a config file.
    throw new AppError('notConfigured', `The cloud backup configuration file ${file} holds a client secret. Authenticator is a public client and never uses one: remove it (and revoke it in the app registration).`);
  }
  return json as Record<string, unknown>;
}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const values: Record<string, unknown> = {
    clientId: nonEmpty(env[IDENTITY_ENV.clientId]),
    authority: nonEmpty(env[IDENTITY_ENV.authority]),
    knownAuthorities: nonEmpty(env[IDENTITY_ENV.knownAuthorities])
      ?.split(',')
      .map((host) => host.trim())
      .filter(Boolean),
    authorityMetadata: nonEmpty(env[IDENTITY_ENV.authorityMetadata]),
    cloudDiscoveryMetadata: nonEmpty(env[IDENTITY_ENV.cloudDiscoveryMetadata]),
    graphBaseUrl: nonEmpty(env[IDENTITY_ENV.graphBaseUrl]),
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
