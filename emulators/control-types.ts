import { z } from 'zod';

/**
 * The control API's messages, shared by the server (control-api.ts, which validates what arrives) and the typed
 * client (control-client.ts, which validates what comes back).
 */

export const UserInput = z
  .object({
    username: z.string().trim().min(1).max(256),
    password: z.string().min(1).max(256),
    displayName: z.string().trim().min(1).max(256).optional(),
    kind: z.enum(['personal', 'work']).optional(),
  })
  .strict();

export const UserView = z.object({
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['personal', 'work']),
  /** GET /me's id. */
  id: z.string(),
  /** The oid claim. */
  objectId: z.string(),
  tenantId: z.string(),
  /** MSAL's homeAccountId for this user: `${uid}.${utid}`. */
  homeAccountId: z.string(),
  quota: z.object({ total: z.number(), used: z.number() }),
});
export type UserView = z.infer<typeof UserView>;

export const FileView = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  eTag: z.string(),
  cTag: z.string(),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
});
export type FileView = z.infer<typeof FileView>;

export const FileWithContent = FileView.extend({ contentBase64: z.string() });

/** A file of `size` bytes (the start of a JSON object, then spaces) made inside the emulator. */
export const FillInput = z.object({ size: z.number().int().min(10).max(2 ** 30) }).strict();

export const QuotaInput = z.object({ total: z.number().int().nonnegative() }).strict();

export const SettingsInput = z
  .object({
    /** expires_in of access tokens issued from now on. */
    accessTokenLifetimeSeconds: z.number().int().min(1).max(86_400).optional(),
    /** Client ids the identity emulator accepts; null accepts any non-empty id (the default). */
    allowedClientIds: z.array(z.string().min(1)).nullable().optional(),
    /**
     * Moves the Date header of every identity and Graph response by this many milliseconds (positive: the services'
     * time is ahead, as if this computer's clock were behind). Within a day either way.
     */
    dateSkewMs: z.number().int().min(-86_400_000).max(86_400_000).optional(),
  })
  .strict();
export type SettingsInput = z.infer<typeof SettingsInput>;

export const SettingsView = z.object({ accessTokenLifetimeSeconds: z.number(), allowedClientIds: z.array(z.string()).nullable(), dateSkewMs: z.number() });
export type SettingsView = z.infer<typeof SettingsView>;

export const FaultTarget = z.enum(['login', 'graph', 'all']);

export const FaultInput = z
  .object({
    /** login: the identity emulator (both its https and its http origin); graph: Graph and its pre-authenticated URLs. */
    target: FaultTarget,
    /** Only requests whose path and query contain this text. */
    pathContains: z.string().min(1).optional(),
    method: z
      .string()
      .min(1)
      .transform((method) => method.toUpperCase())
      .optional(),
    /** Answer with this status (and the service's usual error body) instead of handling the request. */
    status: z.number().int().min(400).max(599).optional(),
    /** How many matching requests it hits; -1 keeps it until DELETE /faults. */
    count: z
      .number()
      .int()
      .refine((count) => count === -1 || count >= 1, 'count must be -1 or at least 1')
      .default(1),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    /** Waits this long before answering (or before handling the request normally when nothing else is set). */
    delayMs: z.number().int().min(0).max(120_000).optional(),
    /** Drops the connection without an answer. */
    reset: z.boolean().optional(),
  })
  .strict()
  .refine((fault) => fault.status !== undefined || fault.delayMs !== undefined || fault.reset === true, 'A fault needs status, delayMs or reset: true.');
export type FaultInput = z.input<typeof FaultInput>;
export type FaultSpec = z.output<typeof FaultInput>;
export type Fault = FaultSpec & { id: string; remaining: number };

export const FaultView = z.object({
  id: z.string(),
  target: FaultTarget,
  pathContains: z.string().optional(),
  method: z.string().optional(),
  status: z.number().optional(),
  count: z.number(),
  remaining: z.number(),
  retryAfterSeconds: z.number().optional(),
  delayMs: z.number().optional(),
  reset: z.boolean().optional(),
});
export type FaultView = z.infer<typeof FaultView>;

export const RequestRecord = z.object({
  time: z.string(),
  target: z.enum(['login', 'graph']),
  method: z.string(),
  /** Path and query; the secret part of pre-authenticated URLs is replaced by "…". Never tokens or bodies. */
  path: z.string(),
  /** The HTTP status sent; 0 when the connection was dropped (a reset fault, or the client went away). */
  status: z.number(),
  ifMatch: z.string().nullable(),
  ifNoneMatch: z.string().nullable(),
  contentRange: z.string().nullable(),
  /** Whether an Authorization header was sent (its value is never recorded). */
  authorization: z.boolean(),
  /** The id of the fault that hit this request. */
  fault: z.string().nullable(),
});
export type RequestRecord = z.infer<typeof RequestRecord>;

export const EmulatorConfig = z.object({
  authority: z.string(),
  authorityMetadata: z.string(),
  cloudDiscoveryMetadata: z.string(),
  knownAuthorities: z.array(z.string()),
  authorizeEndpoint: z.string(),
  tokenEndpoint: z.string(),
  graphBaseUrl: z.string(),
  ca: z.string(),
  controlUrl: z.string(),
});
export type EmulatorConfig = z.infer<typeof EmulatorConfig>;
