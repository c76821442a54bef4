import { startTransition, useEffect, useState } from 'react';
import { brandKey } from '../../../shared/brand-key.js';
import { withContrast } from '../ui/contrast.js';
import type * as BrandIndex from 'virtual:brand-icons';

/** A service's logo from simple-icons (CC0): its outline and its colour made visible on each theme's icon plate. */
export interface BrandIcon {
  slug: string;
  path: string;
  light: string;
  dark: string;
}

/**
 * The icon plate behind a logo, light and dark: --surface-2 in ui/tokens.css (a test keeps them equal). Logos are
 * graphics: 3:1 against it (WCAG 1.4.11).
 */
export const PLATE = { light: '#eaedf1', dark: '#232831' } as const;
const GRAPHIC_CONTRAST = 3;

let index: Promise<typeof BrandIndex> | null = null;
const found = new Map<string, BrandIcon | null>();
const pending = new Map<string, Promise<BrandIcon | null>>();

/**
 * The simple-icons slug for an issuer: its whole name ("Proton Mail"), else its name without what services add to it
 * ("Google Account", "GitHub.com", "Amazon Web Services" stay unmatched rather than guessed), else its first word
 * ("Dropbox Business" -> Dropbox).
 */
export function slugFor(issuer: string, byName: Readonly<Record<string, string>>): string | null {
  const whole = brandKey(issuer);
  if (!whole) return null;
  const withoutDomain = brandKey(issuer.replace(/\.(com|net|org|io|de|co\.uk|app|dev)$/i, ''));
  const withoutSuffix = brandKey(issuer.replace(/\b(account|accounts|login|sign[- ]?in|inc\.?|ltd\.?|llc)$/i, ''));
  const firstWord = brandKey(issuer.trim().split(/[\s:/@]+/)[0] ?? '');
  for (const key of [whole, withoutDomain, withoutSuffix, firstWord]) {
    if (key.length >= 2 && byName[key]) return byName[key];
  }
  return null;
}

/** The outline of a simple-icons SVG (each is one path on a 24 x 24 box). */
export function pathOf(svg: string): string | null {
  return /<path[^>]*\sd="([^"]+)"/.exec(svg)?.[1] ?? null;
}

/** Once the page has painted and is idle: the index (some 400 kB of script) must not slow the tiles' first frame. */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: 1000 })));
}

async function load(issuer: string): Promise<BrandIcon | null> {
  index ??= whenIdle().then(() => import('virtual:brand-icons'));
  const { byName, colours, loaders } = await index;
  const slug = slugFor(issuer, byName);
  const loader = slug ? loaders[slug] : undefined;
  if (!slug || !loader) return null;
  const path = pathOf((await loader()).default);
  if (!path) return null;
  const hex = `#${colours[slug] ?? '000000'}`;
  return { slug, path, light: withContrast(hex, PLATE.light, GRAPHIC_CONTRAST), dark: withContrast(hex, PLATE.dark, GRAPHIC_CONTRAST) };
}

/**
 * The logo for an issuer once it is known (null until then, and for a service without one). Each issuer is looked up
 * once per window; the index and the logos load on demand, after the tiles have shown with their initials.
 */
export function useBrandIcon(issuer: string): BrandIcon | null {
  const key = brandKey(issuer);
  const [icon, setIcon] = useState<BrandIcon | null>(() => found.get(key) ?? null);
  useEffect(() => {
    if (!key) return;
    const known = found.get(key);
    if (known !== undefined) {
      setIcon(known);
      return;
    }
    let live = true;
    let lookup = pending.get(key);
    if (!lookup) {
      lookup = load(issuer).catch(() => null);
      pending.set(key, lookup);
    }
    void lookup.then((result) => {
      found.set(key, result);
      pending.delete(key);
      if (live && result) startTransition(() => setIcon(result));
    });
    return () => {
      live = false;
    };
  }, [key, issuer]);
  return icon;
}
