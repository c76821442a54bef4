import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, isAppUrl, resolveRendererFile } from './renderer-files.js';

describe('isAppUrl', () => {
  it('accepts only the app scheme and host', () => {
    expect(isAppUrl('app://authenticator/index.html')).toBe(true);
    expect(isAppUrl('app://authenticator')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://user@authenticator/')).toBe(false);
    expect(isAppUrl('https://authenticator/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('resolveRendererFile', () => {
  const root = '/app/build/renderer';

  it('maps app URLs to files under the root', () => {
    expect(resolveRendererFile(root, 'app://authenticator/', path.posix)).toBe('/app/build/renderer/index.html');
    expect(resolveRendererFile(root, 'app://authenticator/assets/index-1a2b.js', path.posix)).toBe('/app/build/renderer/assets/index-1a2b.js');
    expect(resolveRendererFile(root, 'app://authenticator/assets/a%20b.png?x=1#y', path.posix)).toBe('/app/build/renderer/assets/a b.png');
  });

  it('refuses every spelling of a way out', () => {
    for (const url of [
      'app://authenticator/../../etc/passwd',
      'app://authenticator/%2e%2e/%2e%2e/etc/passwd',
      'app://authenticator/..%2f..%2fetc%2fpasswd',
      'app://authenticator/assets/..%2F..%2F..%2Fsecret',
      'app://authenticator/%2Fetc%2Fpasswd',
      'app://authenticator/a%00.js',
      'app://authenticator/%E0%A4%A',
      'app://elsewhere/index.html',
    ]) {
      const file = resolveRendererFile(root, url, path.posix);
      if (file !== null) expect(file.startsWith(`${root}/`)).toBe(true);
    }
    expect(resolveRendererFile(root, 'app://authenticator/..%2f..%2fetc%2fpasswd', path.posix)).toBeNull();
    expect(resolveRendererFile(root, 'app://authenticator/a%00.js', path.posix)).toBeNull();
    expect(resolveRendererFile(root, 'app://elsewhere/index.html', path.posix)).toBeNull();
  });

  it('refuses Windows drive and backslash escapes', () => {
    const winRoot = 'C:\\App\\build\\renderer';
    expect(resolveRendererFile(winRoot, 'app://authenticator/..%5C..%5Csecret', path.win32)).toBeNull();
    expect(resolveRendererFile(winRoot, 'app://authenticator/C:%5CWindows%5Cwin.ini', path.win32)).toBeNull();
    expect(resolveRendererFile(winRoot, 'app://authenticator/D:/x', path.win32)).toBeNull();
    expect(resolveRendererFile(winRoot, 'app://authenticator/assets/a.js', path.win32)).toBe('C:\\App\\build\\renderer\\assets\\a.js');
  });
});

describe('contentTypeOf', () => {
  it('names the types the renderer build emits', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/x/a.unknown')).toBe('application/octet-stream');
  });
});
