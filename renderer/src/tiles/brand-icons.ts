import { startTransition, useEffect, useReducer } from 'react';
import { brandKey } from '../../../shared/brand-key.js';
import { logoColours } from './logo-colour.js';
import type * as BrandIndex from 'virtual:brand-icons';

/** A service's logo from simple-icons (CC0): its outline and its colour made visible on each theme's icon plate (logo-colour.ts). */
export interface BrandIcon {
  slug: string;
  path: string;
  light: string;
  dark: string;
}

/** The index once loaded; the logos loaded so far, by slug; each issuer's slug (null: none), by brandKey. */
let index: typeof BrandIndex | null = null;
let indexLoading: Promise<void> | null = null;
const waitingForIndex = new Set<() => void>();
const logos = new Map<string, BrandIcon | null>();
const slugs = new Map<string, string | null>();

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
function loadIndex(): void {
  indexLoading ??= new Promise<void>((resolve) => requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: 1000 })))
    .then(() => import('virtual:brand-icons'))
    .then((loaded) => {
      index = loaded;
      startTransition(() => waitingForIndex.forEach((update) => update()));
    })
    .catch(() => undefined); // no logos, initials stay
}

function slugOf(issuer: string, key: string): string | null {
  let slug = slugs.get(key);
  if (slug === undefined && index) {
    slug = slugFor(issuer, index.byName);
    slugs.set(key, slug);
  }
  return slug ?? null;
}

async function loadLogo(slug: string, loaded: typeof BrandIndex): Promise<BrandIcon | null> {
  const loader = loaded.loaders[slug];
  const path = loader ? pathOf((await loader()).default) : null;
  if (!path) return null;
  const hex = `#${loaded.colours[slug] ?? '000000'}`;
  return { slug, path, ...logoColours(hex) };
}

/**
 * The logo for an issuer once it is known (null until then, and for a service without one). Looked up in render once
 * the index is there (a map read for an issuer seen before); until then the tile waits for the index, which loads in
 * idle time after the tiles have shown with their initials; a matched logo loads on demand, once per window.
 */
export function useBrandIcon(issuer: string): BrandIcon | null {
  const [, update] = useReducer((n: number) => n + 1, 0);
  const key = brandKey(issuer);
  const slug = key && index ? slugOf(issuer, key) : null;
  const logo = slug ? (logos.get(slug) ?? null) : null;
  const waiting = key !== '' && index === null;
  const fetching = slug !== null && !logos.has(slug);
  useEffect(() => {
    if (waiting) {
      waitingForIndex.add(update);
      loadIndex();
      return () => {
        waitingForIndex.delete(update);
      };
    }
    if (!fetching || !slug || !index) return;
    let live = true;
    void loadLogo(slug, index)
      .catch(() => null)
      .then((loaded) => {
        logos.set(slug, loaded);
        if (live && loaded) startTransition(update);
      });
    return () => {
      live = false;
    };
  }, [waiting, fetching, slug]);
  return logo;
}
