import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers.js';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((directive) => [directive.split(' ')[0], directive]));

describe('the renderer security headers', () => {
  it("let the page connect nowhere unless the host adds where, and change nothing else", () => {
    const app = directives(contentSecurityPolicy());
    const harness = directives(contentSecurityPolicy({ connectSrc: ["'self'"] }));
    expect(app['connect-src']).toBe("connect-src 'none'");
    expect(harness['connect-src']).toBe("connect-src 'self'");
    expect({ ...harness, 'connect-src': app['connect-src'] }).toEqual(app);
  });

  it('allow no inline script, eval, framing, base or form target', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy['default-src']).toBe("default-src 'none'");
    expect(policy['script-src']).toBe("script-src 'self'");
    expect(policy['frame-ancestors']).toBe("frame-ancestors 'none'");
    expect(policy['base-uri']).toBe("base-uri 'none'");
    expect(policy['form-action']).toBe("form-action 'none'");
  });

  it('carry the policy with the other headers', () => {
    const headers = securityHeaders({ connectSrc: ["'self'"] });
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy({ connectSrc: ["'self'"] }));
    expect(Object.keys(headers).sort()).toEqual(Object.keys(securityHeaders()).sort());
    expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cross-Origin-Opener-Policy': 'same-origin' });
  });
});
