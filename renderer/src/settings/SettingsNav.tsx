import { CloudUpload, FileDown, FileUp, Info, LockKeyhole, Monitor, Palette, type LucideIcon } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';

/** The settings page's sections, by the id of each section's heading (the sections own their headings). */
const SECTIONS: { headingId: string; label: string; icon: LucideIcon }[] = [
  { headingId: 'backup-title', label: 'Backup', icon: CloudUpload },
  { headingId: 'security-title', label: 'Security', icon: LockKeyhole },
  { headingId: 'import-title', label: 'Import', icon: FileDown },
  { headingId: 'export-title', label: 'Export', icon: FileUp },
  { headingId: 'appearance-title', label: 'Appearance', icon: Palette },
  { headingId: 'desktop-title', label: 'Desktop', icon: Monitor },
  { headingId: 'about-title', label: 'About', icon: Info },
];

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The settings page's table of contents: a column beside the sections on a wide window, a row above them on a narrow
 * one. A link scrolls its section to the top and moves the focus to its heading (so the keyboard goes on from there);
 * the section being read is marked as current.
 */
export function SettingsNav() {
  const [current, setCurrent] = useState(SECTIONS[0]!.headingId);
  /** Until then, the section chosen stays current while the page scrolls to it (the last ones cannot reach the top). */
  const chosenUntil = useRef(0);

  useEffect(() => {
    const sections = SECTIONS.map(({ headingId }) => document.getElementById(headingId)?.closest('section')).filter((s): s is HTMLElement => !!s);
    // The current section is the first one whose top is in the upper part of the window.
    const visible = new Set<Element>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target);
          else visible.delete(entry.target);
        }
        if (performance.now() < chosenUntil.current) return;
        const first = sections.find((section) => visible.has(section));
        const heading = first?.querySelector('h3[id]');
        if (heading) setCurrent(heading.id);
      },
      { rootMargin: '-80px 0px -55% 0px' },
    );
    for (const section of sections) observer.observe(section);
    return () => observer.disconnect();
  }, []);

  const go = (headingId: string) => {
    const heading = document.getElementById(headingId);
    if (!heading) return;
    heading.closest('section')?.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'start' });
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    chosenUntil.current = performance.now() + 1000;
    setCurrent(headingId);
  };

  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <ul>
        {SECTIONS.map(({ headingId, label, icon: Icon }) => (
          <li key={headingId}>
            <a
              href={`#${headingId}`}
              aria-current={current === headingId ? 'location' : undefined}
              onClick={(event) => {
                event.preventDefault();
                go(headingId);
              }}
            >
              <Icon aria-hidden="true" size={16} />
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
