import type { CSSProperties } from 'react';
import type { AccountView } from '../../../shared/account.js';

// A few well-known providers get their brand colour; every other account a colour derived from its issuer, so
// tiles stay tell-apart-able at a glance. The letter is the fallback icon everywhere (no images to fetch).
const BRAND_COLOURS: Record<string, string> = {
  microsoft: '#0078d4',
  google: '#1a73e8',
  github: '#24292f',
  gitlab: '#e24329',
  facebook: '#1877f2',
  amazon: '#ff9900',
  apple: '#333333',
  dropbox: '#0061fe',
  steam: '#1b2838',
};
const PALETTE = ['#0a7d6e', '#7b3fb8', '#b8541f', '#2b6cb0', '#a61e4d', '#5c7c0a', '#8a5a00', '#3f51b5'];

export function ProviderIcon({ account, size = 40 }: { account: Pick<AccountView, 'issuer' | 'name' | 'kind'>; size?: number }) {
  const title = account.issuer || account.name || '?';
  const key = title.trim().toLowerCase();
  const colour = account.kind === 'microsoftPersonal' || account.kind === 'workOrSchool' ? BRAND_COLOURS.microsoft! : (BRAND_COLOURS[key] ?? PALETTE[hash(key) % PALETTE.length]!);
  return (
    // React sets style through the CSSOM, which the Content-Security-Policy allows (inline style attributes it does not).
    <span className={`provider-icon size-${size}`} aria-hidden="true" style={{ '--icon-colour': colour } as CSSProperties}>
      {title.trim().charAt(0).toUpperCase() || '?'}
      {account.kind === 'workOrSchool' ? <span className="kind-badge">W</span> : null}
    </span>
  );
}

function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h;
}
