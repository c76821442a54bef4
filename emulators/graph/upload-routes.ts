import { z } from 'zod';
import type { RequestContext, Route } from '../http/router.js';
import { KIB, MIB, readBody, sendEmpty } from '../http/io.js';
import type { EmulatorState } from '../state.js';
import type { UploadSession } from '../state/upload-sessions.js';
import { fileJson } from './drive-json.js';
import { GraphError, graphHeaders } from './graph-error.js';
import { appFolderDrive, sendGraphJson } from './item-routes.js';
import { checkPreconditions, fileName, nameAlreadyExists, quotaLimitReached } from './preconditions.js';

/** Graph: every fragment but the last MUST be a multiple of 320 KiB; none may exceed 60 MiB. */
const FRAGMENT_UNIT = 320 * KIB;
const MAX_FRAGMENT = 60 * MIB;

const SessionRequest = z.object({
  item: z
    .object({
      '@microsoft.graph.conflictBehavior': z.enum(['fail', 'replace', 'rename']).optional(),
      name: z.string().optional(),
      fileSize: z.number().int().nonnegative().optional(),
      description: z.string().optional(),
    })
    .optional(),
  deferCommit: z.boolean().optional(),
});

/** createUploadSession and its pre-authenticated upload URL (PUT fragments, GET status, DELETE cancel). */
export function uploadRoutes(state: EmulatorState): Route[] {
  return [
    { method: 'POST', path: /^\/v1\.0\/me\/drive\/special\/approot:\/([^:/]+):\/createUploadSession\/?$/i, handle: (ctx, [name = '']) => createSession(state, ctx, name) },
    { method: 'PUT', path: /^\/up\/([^/]+)$/, handle: (ctx, [secret = '']) => putFragment(state, ctx, secret) },
    { method: 'GET', path: /^\/up\/([^/]+)$/, handle: (ctx, [secret = '']) => sendGraphJson(ctx, 200, status(liveSession(state, secret))) },
    { method: 'DELETE', path: /^\/up\/([^/]+)$/, handle: (ctx, [secret = '']) => cancel(state, ctx, secret) },
  ];
}

async function createSession(state: EmulatorState, ctx: RequestContext, encodedName: string): Promise<void> {
  const drive = appFolderDrive(state, ctx, 'write');
  const name = fileName(encodedName);
  const body = await readBody(ctx.req, 64 * KIB);
  const parsed = SessionRequest.safeParse(body.length === 0 ? {} : parseJson(body));
  if (!parsed.success) throw new GraphError(400, 'invalidRequest', `The upload session request is not valid: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  const { item, deferCommit } = parsed.data;
  if (deferCommit) throw new GraphError(400, 'notSupported', 'deferCommit is not supported by the emulator.');
  if (item?.name !== undefined && item.name.toLowerCase() !== name.toLowerCase()) {
    throw new GraphError(400, 'invalidRequest', 'The item name in the body must match the name in the path.');
  }
  // Graph documents "fail" as createUploadSession's default conflict behaviour (unlike PUT .../content's "replace").
  const conflictBehavior = item?.['@microsoft.graph.conflictBehavior'] ?? 'fail';
  const existing = drive.get(name);
  const ifMatch = ctx.header('if-match');
  checkPreconditions(existing, ifMatch, ctx.header('if-none-match'));
  if (existing && conflictBehavior === 'fail') throw nameAlreadyExists(existing.name);
  if (item?.fileSize !== undefined && !drive.fits(name, item.fileSize)) throw quotaLimitReached();
  const { secret, session } = state.uploads.create({ userId: drive.owner.objectId, name, conflictBehavior, ifMatch });
  sendGraphJson(ctx, 200, { uploadUrl: `${state.origins.content}/up/${secret}`, ...status(session) });
}

/**
 * One fragment. Fragments must come in order (416 otherwise, as documented); the last one commits the file, which
 * is when conflicts, a changed item (If-Match of the session) and the quota are checked again. A failed commit
 * keeps the session, without its last fragment, so the client can send that fragment again.
 */
async function putFragment(state: EmulatorState, ctx: RequestContext, secret: string): Promise<void> {
  // Graph: sending the Authorization header to the upload URL "may result in an HTTP 401"; the emulator always
  // refuses it, so a client that leaks its token to the upload host is caught.
  if (ctx.header('authorization') !== undefined) {
    throw new GraphError(401, 'unauthenticated', 'The upload URL is pre-authenticated: do not send an Authorization header to it.');
  }
  const session = liveSession(state, secret);
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(ctx.header('content-range') ?? '');
  if (!range) throw new GraphError(400, 'invalidRequest', 'Content-Range must be "bytes {first}-{last}/{total}".', 'invalidParameterFormat');
  const [first, last, total] = range.slice(1).map(Number) as [number, number, number];
  if (first > last || last >= total) throw new GraphError(416, 'invalidRange', 'The specified byte range is invalid or unavailable.');
  if (last - first + 1 > MAX_FRAGMENT) throw new GraphError(413, 'invalidRequest', 'A fragment may not exceed 60 MiB.', 'maxFragmentLengthExceeded');
  const bytes = await readBody(ctx.req, MAX_FRAGMENT);
  if (bytes.length !== last - first + 1) throw new GraphError(400, 'invalidRequest', 'The body length does not match Content-Range.');
  if (session.total !== undefined && total !== session.total) {
    throw new GraphError(400, 'invalidRequest', 'Declared total size for this fragment is different from that of the upload session.', 'fragmentLengthMismatch');
  }
  if (first < session.received) throw new GraphError(416, 'invalidRange', 'Uploaded fragment overlaps with existing data.', 'fragmentOverlap');
  if (first > session.received) throw new GraphError(416, 'invalidRange', 'Uploaded fragment is out of order.', 'fragmentOutOfOrder');
  const final = last + 1 === total;
  if (!final && bytes.length % FRAGMENT_UNIT !== 0) {
    throw new GraphError(400, 'invalidRequest', `Fragments other than the last must be a multiple of 320 KiB (${FRAGMENT_UNIT} bytes); this one is ${bytes.length}.`);
  }
  session.total = total;
  session.parts.push(bytes);
  session.received = last + 1;
  if (!final) return sendGraphJson(ctx, 202, status(session));
  try {
    commit(state, ctx, secret, session);
  } catch (error) {
    session.parts.pop();
    session.received = first;
    throw error;
  }
}

function commit(state: EmulatorState, ctx: RequestContext, secret: string, session: UploadSession): void {
  const owner = state.users.byObjectId(session.userId);
  if (!owner) throw sessionNotFound();
  const drive = state.drives.of(owner);
  const existing = drive.get(session.name);
  checkPreconditions(existing, session.ifMatch, undefined);
  if (existing && session.conflictBehavior === 'fail') throw nameAlreadyExists(existing.name);
  const target = existing && session.conflictBehavior === 'rename' ? drive.freeName(session.name) : session.name;
  const bytes = Buffer.concat(session.parts);
  if (!drive.fits(target, bytes.length)) throw quotaLimitReached();
  const { file, created } = drive.write(target, bytes);
  state.uploads.delete(secret);
  sendGraphJson(ctx, created ? 201 : 200, fileJson(state, drive, file));
}

function cancel(state: EmulatorState, ctx: RequestContext, secret: string): void {
  liveSession(state, secret);
  state.uploads.delete(secret);
  sendEmpty(ctx.res, 204, graphHeaders(ctx));
}

function liveSession(state: EmulatorState, secret: string): UploadSession {
  const session = state.uploads.get(secret);
  if (!session) throw sessionNotFound();
  return session;
}

function status(session: UploadSession): { expirationDateTime: string; nextExpectedRanges: string[] } {
  return { expirationDateTime: new Date(session.expiresAt).toISOString(), nextExpectedRanges: [`${session.received}-`] };
}

const sessionNotFound = () => new GraphError(404, 'itemNotFound', 'The upload session does not exist, has expired or was cancelled.', 'uploadSessionNotFound');

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new GraphError(400, 'invalidRequest', 'The request body is not valid JSON.');
  }
}
