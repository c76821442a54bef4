import type { RequestContext, Route } from '../http/router.js';
import { streamBytes } from '../http/io.js';
import type { EmulatorState } from '../state.js';
import { graphHeaders, itemNotFound } from './graph-error.js';

/** Pre-authenticated download URLs: no Authorization needed (it is ignored), valid for an hour, as OneDrive's. */
export function downloadRoutes(state: EmulatorState): Route[] {
  return [{ method: 'GET', path: /^\/dl\/([^/]+)$/, handle: (ctx, [secret = '']) => download(state, ctx, secret) }];
}

function download(state: EmulatorState, ctx: RequestContext, secret: string): void {
  const link = state.downloads.get(secret);
  if (!link) throw itemNotFound();
  streamBytes(ctx.res, 200, link.bytes, { ...graphHeaders(ctx), 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(link.name)}` });
}
