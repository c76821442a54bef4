import type { CSSProperties } from 'react';
import type { AccountView } from '../../../shared/account.js';
import { useBrandIcon } from './brand-icons.js';
import { spriteIcon } from '../ui/icon-sprite.js';

/**
 * Backgrounds of the initials, for services without a logo (and Microsoft's accounts: simple-icons leaves its logo
 * out at its owner's request). White letters on each stand out by 4.5:1 or more (ui/tokens.test.ts).
 */
export const INITIAL_COLOURS = ['#0a7d6e', '#7b3fb8', '#b0501d', '#2b6cb0', '#a61e4d', '#4f6b08', '#80540a', '#3f51b5'] as const;
const MICROSOFT_BLUE = '#0067b8';

/**
 * The service's logo (simple-icons, matched by issuer; tiles/brand-icons.ts) on a neutral plate, in its brand colour
 * adjusted for the theme; else its initial on a colour derived from its name, so tiles stay tell-apart-able at a glance.
 */
export function ProviderIcon({ account, size = 40 }: { account: Pick<AccountView, 'issuer' | 'name' | 'kind'>; size?: number }) {
  const title = account.issuer || account.name || '?';
  const microsoft = account.kind === 'microsoftPersonal' || account.kind === 'workOrSchool';
  const brand = useBrandIcon(microsoft ? '' : account.issuer);
  const badge = account.kind === 'workOrSchool' ? spriteIcon('work', 14, 'kind-badge') : null;
  if (brand) {
    return (
      // React sets style through the CSSOM, which the Content-Security-Policy allows (inline style attributes it does not).
      <span className={`provider-icon brand size-${size}`} aria-hidden="true" data-brand={brand.slug} style={{ '--brand-light': brand.light, '--brand-dark': brand.dark } as CSSProperties}>
        <svg viewBox="0 0 24 24" role="presentation">
          <path d={brand.path} />
        </svg>
        {badge}
      </span>
    );
  }
  const key = title.trim().toLowerCase();
  const colour = microsoft ? MICROSOFT_BLUE : INITIAL_COLOURS[hash(key) % INITIAL_COLOURS.length]!;
  return (
    <span className={`provider-icon size-${size}`} aria-hidden="true" style={{ '--icon-colour': colour } as CSSProperties}>
      {title.trim().charAt(0).toUpperCase() || '?'}
      {badge}
    </span>
  );
}

function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h;
}
