import type { RequestContext, Route } from '../http/router.js';
import { readBody, redirect, sendEmpty, sendJson } from '../http/io.js';
import type { EmulatorState } from '../state.js';
import type { Drive, StoredFile } from '../state/drive.js';
import { authenticate, PERMISSIONS } from './bearer.js';
import { appRootJson, driveJson, fileJson, meJson } from './drive-json.js';
import { graphHeaders, itemNotFound } from './graph-error.js';
import { checkPreconditions, fileName, nameAlreadyExists, notModified, parseConflictBehavior, quotaLimitReached } from './preconditions.js';

/** Graph documents simple upload (PUT .../content) for files up to 250 MB. */
const SIMPLE_UPLOAD_LIMIT = 250 * 1000 * 1000;
const APPROOT = '^/v1\\.0/me/drive/special/approot';
/** `approot:/{name}` with an optional closing colon; names never hold a literal ':' (it is not allowed in them). */
const ITEM = `${APPROOT}:/([^:/]+)`;

/** /me, /me/drive and the app folder's items: metadata, delete, download and simple upload. */
export function itemRoutes(state: EmulatorState): Route[] {
  return [
    { method: 'GET', path: /^\/v1\.0\/me\/?$/i, handle: (ctx) => sendGraphJson(ctx, 200, meJson(state, authenticate(state, ctx, PERMISSIONS.readProfile))) },
    { method: 'GET', path: /^\/v1\.0\/me\/drive\/?$/i, handle: (ctx) => sendGraphJson(ctx, 200, driveJson(appFolderDrive(state, ctx, 'read'))) },
    { method: 'GET', path: new RegExp(`${APPROOT}/?$`, 'i'), handle: (ctx) => sendGraphJson(ctx, 200, appRootJson(appFolderDrive(state, ctx, 'read'))) },
    { method: 'GET', path: new RegExp(`${APPROOT}/children/?$`, 'i'), handle: (ctx) => listChildren(state, ctx) },
    { method: 'GET', path: new RegExp(`${ITEM}:?/?$`, 'i'), handle: (ctx, [name = '']) => getItem(state, ctx, { path: name }) },
    { method: 'DELETE', path: new RegExp(`${ITEM}:?/?$`, 'i'), handle: (ctx, [name = '']) => deleteItem(state, ctx, { path: name }) },
    { method: 'GET', path: new RegExp(`${ITEM}:/content/?$`, 'i'), handle: (ctx, [name = '']) => download(state, ctx, { path: name }) },
    { method: 'PUT', path: new RegExp(`${ITEM}:/content/?$`, 'i'), handle: (ctx, [name = '']) => upload(state, ctx, name) },
    { method: 'GET', path: /^\/v1\.0\/me\/drive\/items\/([^/]+)\/?$/i, handle: (ctx, [id = '']) => getItem(state, ctx, { id }) },
    { method: 'DELETE', path: /^\/v1\.0\/me\/drive\/items\/([^/]+)\/?$/i, handle: (ctx, [id = '']) => deleteItem(state, ctx, { id }) },
    { method: 'GET', path: /^\/v1\.0\/me\/drive\/items\/([^/]+)\/content\/?$/i, handle: (ctx, [id = '']) => download(state, ctx, { id }) },
  ];
}

export function sendGraphJson(ctx: RequestContext, status: number, body: unknown): void {
  sendJson(ctx.res, status, body, graphHeaders(ctx));
}

/** The signed-in user's drive, after checking the token carries an app-folder permission for the operation. */
export function appFolderDrive(state: EmulatorState, ctx: RequestContext, access: 'read' | 'write'): Drive {
  const user = authenticate(state, ctx, access === 'read' ? PERMISSIONS.readAppFolder : PERMISSIONS.writeAppFolder);
  return state.drives.of(user);
}

/** An item by its path under the app folder (still percent-encoded) or by its id. */
type ItemRef = { path: string } | { id: string };

/** Names are checked after the token, so an unauthenticated caller learns nothing about them. */
function findFile(drive: Drive, ref: ItemRef): StoredFile | undefined {
  return 'path' in ref ? drive.get(fileName(ref.path)) : drive.byId(ref.id);
}

function listChildren(state: EmulatorState, ctx: RequestContext): void {
  const drive = appFolderDrive(state, ctx, 'read');
  sendGraphJson(ctx, 200, { value: drive.list().map((file) => fileJson(state, drive, file)) });
}

function getItem(state: EmulatorState, ctx: RequestContext, ref: ItemRef): void {
  const drive = appFolderDrive(state, ctx, 'read');
  const file = findFile(drive, ref);
  if (!file) throw itemNotFound();
  if (notModified(file, ctx.header('if-none-match'))) return sendEmpty(ctx.res, 304, graphHeaders(ctx));
  sendGraphJson(ctx, 200, fileJson(state, drive, file));
}

function deleteItem(state: EmulatorState, ctx: RequestContext, ref: ItemRef): void {
  const drive = appFolderDrive(state, ctx, 'write');
  const file = findFile(drive, ref);
  if (!file) throw itemNotFound();
  checkPreconditions(file, ctx.header('if-match'), undefined);
  drive.delete(file.name);
  sendEmpty(ctx.res, 204, graphHeaders(ctx));
}

/** GET .../content answers 302 with a pre-authenticated URL, as OneDrive does; the bytes come from there. */
function download(state: EmulatorState, ctx: RequestContext, ref: ItemRef): void {
  const drive = appFolderDrive(state, ctx, 'read');
  const file = findFile(drive, ref);
  if (!file) throw itemNotFound();
  if (notModified(file, ctx.header('if-none-match'))) return sendEmpty(ctx.res, 304, graphHeaders(ctx));
  redirect(ctx.res, `${state.origins.content}/dl/${state.downloads.create(drive.owner.objectId, file.name, file.bytes)}`, graphHeaders(ctx));
}

/** PUT .../content: simple upload. conflictBehavior (query) defaults to replace; 201 on create, 200 on replace. */
async function upload(state: EmulatorState, ctx: RequestContext, encodedName: string): Promise<void> {
  const drive = appFolderDrive(state, ctx, 'write');
  const name = fileName(encodedName);
  const behavior = parseConflictBehavior(ctx.url.searchParams.get('@microsoft.graph.conflictBehavior'), 'replace');
  const bytes = await readBody(ctx.req, SIMPLE_UPLOAD_LIMIT);
  const existing = drive.get(name);
  checkPreconditions(existing, ctx.header('if-match'), ctx.header('if-none-match'));
  if (existing && behavior === 'fail') throw nameAlreadyExists(existing.name);
  const target = existing && behavior === 'rename' ? drive.freeName(name) : name;
  if (!drive.fits(target, bytes.length)) throw quotaLimitReached();
  const { file, created } = drive.write(target, bytes);
  sendGraphJson(ctx, created ? 201 : 200, fileJson(state, drive, file));
}
