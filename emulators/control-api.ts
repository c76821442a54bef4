import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { FaultInput, FillInput, QuotaInput, SettingsInput, UserInput, type EmulatorConfig, type FaultView, type FileView, type UserView } from './control-types.js';
import { BodyError, header, MIB, readBody, sendBytes, sendEmpty, sendJson } from './http/io.js';
import { matchRoute, type Route } from './http/router.js';
import { resetState, type EmulatorState } from './state.js';
import { cTagOf, eTagOf, type StoredFile } from './state/drive.js';
import { UserExistsError, type EmulatedUser } from './state/users.js';

/**
 * The control API tests drive the emulators with (plain JSON over loopback http, no auth; see control-client.ts).
 * It is bound to 127.0.0.1 only. So that a web page in the same browser cannot drive it, it answers only requests
 * addressed to a loopback Host (no DNS rebinding), takes JSON only as application/json (a cross-site form cannot
 * send that without a CORS preflight) and never sends CORS headers.
 */
export function controlHandler(state: EmulatorState, config: EmulatorConfig): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = controlRoutes(state, config);
  return (req, res) => {
    void handle(routes, req, res).catch((error: unknown) => {
      if (error instanceof ControlError) return sendJson(res, error.status, { error: { code: error.code, message: error.message } });
      if (error instanceof BodyError) return sendJson(res, error.status, { error: { code: 'badRequest', message: error.message } });
      console.error('emulator control: request failed', error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: String(error) } });
    });
  };
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ControlRequest {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
}

type ControlRoute = Omit<Route, 'handle'> & { handle: (request: ControlRequest, params: string[]) => Promise<void> | void };

async function handle(routes: ControlRoute[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const host = (header(req, 'host') ?? '').toLowerCase();
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) throw new ControlError(421, 'misdirected', 'The control API answers loopback hosts only.');
  const url = new URL(req.url ?? '/', 'http://control.invalid');
  const match = matchRoute(routes, (req.method ?? 'GET').toUpperCase(), url.pathname);
  if (match.kind === 'none') throw new ControlError(404, 'notFound', `No control endpoint ${req.method} ${url.pathname}.`);
  if (match.kind === 'wrongMethod') throw new ControlError(405, 'methodNotAllowed', `${url.pathname} accepts ${match.allowed.join(', ')}.`);
  const params = match.params.map((param) => decode(param));
  await match.route.handle({ req, res, query: url.searchParams }, params);
}

function controlRoutes(state: EmulatorState, config: EmulatorConfig): ControlRoute[] {
  const user = (name: string | undefined): EmulatedUser => {
    const found = state.users.find(name ?? '');
    if (!found) throw new ControlError(404, 'userNotFound', `There is no user named ${name}.`);
    return found;
  };
  const file = (owner: EmulatedUser, name: string | undefined): StoredFile => {
    const found = state.drives.of(owner).get(name ?? '');
    if (!found) throw new ControlError(404, 'fileNotFound', `${owner.username} has no file ${name} in the app folder.`);
    return found;
  };
  const view = (owner: EmulatedUser) => userView(state, owner);
  const USER = '/users/([^/]+)';
  const FILE = `${USER}/files/([^/]+)`;
  return [
    { method: 'GET', path: /^\/config$/, handle: ({ res }) => sendJson(res, 200, config) },
    { method: 'POST', path: /^\/reset$/, handle: ({ res }) => (resetState(state), sendEmpty(res, 204)) },

    { method: 'GET', path: /^\/users$/, handle: ({ res }) => sendJson(res, 200, state.users.list().map(view)) },
    {
      method: 'POST',
      path: /^\/users$/,
      handle: async ({ req, res }) => {
        const input = await jsonBody(req, UserInput);
        try {
          sendJson(res, 201, view(state.users.add(input)));
        } catch (error) {
          if (error instanceof UserExistsError) throw new ControlError(409, 'userExists', error.message);
          throw error;
        }
      },
    },
    { method: 'GET', path: new RegExp(`^${USER}$`), handle: ({ res }, [name]) => sendJson(res, 200, view(user(name))) },
    {
      method: 'DELETE',
      path: new RegExp(`^${USER}$`),
      handle: ({ res }, [name]) => {
        const removed = user(name);
        state.users.remove(removed.username);
        state.tokens.forgetUser(removed.objectId);
        state.drives.remove(removed);
        state.uploads.forgetUser(removed.objectId);
        state.downloads.forgetUser(removed.objectId);
        sendEmpty(res, 204);
      },
    },

    { method: 'GET', path: new RegExp(`^${USER}/files$`), handle: ({ res }, [name]) => sendJson(res, 200, state.drives.of(user(name)).list().map(fileView)) },
    {
      method: 'GET',
      path: new RegExp(`^${FILE}$`),
      handle: ({ res }, [owner, name]) => {
        const found = file(user(owner), name);
        sendJson(res, 200, { ...fileView(found), contentBase64: found.bytes.toString('base64') });
      },
    },
    { method: 'GET', path: new RegExp(`^${FILE}/content$`), handle: ({ res }, [owner, name]) => sendBytes(res, 200, file(user(owner), name).bytes) },
    {
      method: 'PUT',
      path: new RegExp(`^${FILE}$`),
      handle: async ({ req, res }, [owner, name = '']) => {
        const drive = state.drives.of(user(owner));
        // Seeding bypasses the quota on purpose: a test may want a drive that is already over it.
        const { file: written, created } = drive.write(name, await readBody(req, 256 * MIB));
        sendJson(res, created ? 201 : 200, fileView(written));
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${FILE}/fill$`),
      handle: async ({ req, res }, [owner, name = '']) => {
        const { size } = await jsonBody(req, FillInput);
        // Made here rather than sent: a test placing a 256 MiB file must not itself hold (and measure) 256 MiB.
        const bytes = Buffer.alloc(size, ' ');
        bytes.write('{"header":');
        const { file: written, created } = state.drives.of(user(owner)).write(name, bytes);
        sendJson(res, created ? 201 : 200, fileView(written));
      },
    },
    {
      method: 'DELETE',
      path: new RegExp(`^${FILE}$`),
      handle: ({ res }, [owner, name = '']) => {
        if (!state.drives.of(user(owner)).delete(name)) throw new ControlError(404, 'fileNotFound', `No file ${name}.`);
        sendEmpty(res, 204);
      },
    },

    {
      method: 'PUT',
      path: new RegExp(`^${USER}/quota$`),
      handle: async ({ req, res }, [name]) => {
        const drive = state.drives.of(user(name));
        drive.quotaTotal = (await jsonBody(req, QuotaInput)).total;
        sendJson(res, 200, { total: drive.quotaTotal, used: drive.used() });
      },
    },
    { method: 'POST', path: new RegExp(`^${USER}/access-tokens/expire$`), handle: ({ res }, [name]) => sendJson(res, 200, { expired: state.tokens.expireAccessTokens(user(name).objectId) }) },
    { method: 'POST', path: new RegExp(`^${USER}/refresh-tokens/revoke$`), handle: ({ res }, [name]) => sendJson(res, 200, { revoked: state.tokens.revokeRefreshTokens(user(name).objectId) }) },
    { method: 'POST', path: new RegExp(`^${USER}/refresh-tokens/expire$`), handle: ({ res }, [name]) => sendJson(res, 200, { expired: state.tokens.expireRefreshTokens(user(name).objectId) }) },

    { method: 'GET', path: /^\/settings$/, handle: ({ res }) => sendJson(res, 200, settingsView(state)) },
    {
      method: 'PUT',
      path: /^\/settings$/,
      handle: async ({ req, res }) => {
        const input = await jsonBody(req, SettingsInput);
        if (input.accessTokenLifetimeSeconds !== undefined) state.tokens.accessTokenLifetimeSeconds = input.accessTokenLifetimeSeconds;
        if (input.allowedClientIds !== undefined) state.allowedClientIds = input.allowedClientIds === null ? null : new Set(input.allowedClientIds);
        if (input.dateSkewMs !== undefined) state.dateSkewMs = input.dateSkewMs;
        sendJson(res, 200, settingsView(state));
      },
    },

    { method: 'GET', path: /^\/faults$/, handle: ({ res }) => sendJson(res, 200, state.faults.list() satisfies FaultView[]) },
    { method: 'POST', path: /^\/faults$/, handle: async ({ req, res }) => sendJson(res, 201, state.faults.add(await jsonBody(req, FaultInput)) satisfies FaultView) },
    { method: 'DELETE', path: /^\/faults$/, handle: ({ res }) => (state.faults.clear(), sendEmpty(res, 204)) },

    {
      method: 'GET',
      path: /^\/requests$/,
      handle: ({ res, query }) => {
        const target = query.get('target');
        if (target !== null && target !== 'login' && target !== 'graph') throw new ControlError(400, 'badRequest', 'target must be login or graph.');
        sendJson(res, 200, state.log.list(target ?? undefined));
      },
    },
    { method: 'DELETE', path: /^\/requests$/, handle: ({ res }) => (state.log.clear(), sendEmpty(res, 204)) },
  ];
}

function userView(state: EmulatorState, user: EmulatedUser): UserView {
  const drive = state.drives.of(user);
  return {
    username: user.username,
    displayName: user.displayName,
    kind: user.kind,
    id: user.graphId,
    objectId: user.objectId,
    tenantId: user.tenantId,
    // client_info's uid.utid, which is how MSAL names the account.
    homeAccountId: `${user.objectId}.${user.tenantId}`,
    quota: { total: drive.quotaTotal, used: drive.used() },
  };
}

function fileView(file: StoredFile): FileView {
  return {
    id: file.id,
    name: file.name,
    size: file.bytes.length,
    eTag: eTagOf(file),
    cTag: cTagOf(file),
    createdDateTime: file.createdDateTime,
    lastModifiedDateTime: file.lastModifiedDateTime,
  };
}

function settingsView(state: EmulatorState) {
  return {
    accessTokenLifetimeSeconds: state.tokens.accessTokenLifetimeSeconds,
    allowedClientIds: state.allowedClientIds ? [...state.allowedClientIds] : null,
    dateSkewMs: state.dateSkewMs,
  };
}

async function jsonBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  const type = header(req, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new ControlError(415, 'unsupportedMediaType', 'Send JSON with Content-Type: application/json.');
  let json: unknown;
  try {
    json = JSON.parse((await readBody(req, MIB)).toString('utf8'));
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new ControlError(400, 'badRequest', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ControlError(400, 'badRequest', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
  return parsed.data;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ControlError(400, 'badRequest', 'A path segment is not correctly percent-encoded.');
  }
}
