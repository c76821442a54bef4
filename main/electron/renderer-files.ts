import path from 'node:path';
import { securityHeaders } from '../core/security-headers.js';

/**
 * How the renderer is addressed and served: plain Node (no electron import), so the URL and path rules that
 * guard the app can be unit-tested without an Electron binary.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'authenticator';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
/** The same entry page; renderer/src/main.tsx shows the quick picker for this path. */
export const QUICK_PICKER_URL = `${APP_SCHEME}://${APP_HOST}/quick`;

/**
 * Headers on every response of the app scheme, errors included: the renderer's security headers, shared with the
 * browser harness (main/core/security-headers.ts; the app's page connects nowhere), and the content type.
 */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return { ...securityHeaders(), 'Content-Type': contentType };
}

/**
 * Whether `url` belongs to the app's own origin. Compared by scheme and host rather than `URL.origin`, which the
 * URL standard makes opaque ("null") for non-special schemes such as app:.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * The file under `root` that an app:// URL names, or null when the URL is not ours or would escape `root`
 * (`..`, encoded separators, absolute or drive paths, NUL bytes). The check runs on the decoded path, after
 * the platform's own path rules have resolved it, so no spelling of a traversal gets through.
 */
export function resolveRendererFile(root: string, url: string, platformPath: path.PlatformPath = path): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname.replace(/^\/+/, '') || 'index.html';
  const base = platformPath.resolve(root);
  const resolved = platformPath.resolve(base, relative);
  const inside = platformPath.relative(base, resolved);
  if (inside === '' || inside === '..' || inside.startsWith(`..${platformPath.sep}`) || platformPath.isAbsolute(inside)) return null;
  return resolved;
}

/** Client-side routes have no file extension; they get the app's entry page. */
export function isRouteLike(file: string): boolean {
  return path.extname(file) === '';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
