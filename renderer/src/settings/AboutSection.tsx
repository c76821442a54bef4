import { licence, packages, version } from 'virtual:about';

/** Settings > About: the version, and what we ship under which licence (from the packages' own declarations). */
export function AboutSection() {
  return (
    <section className="settings-section" aria-labelledby="about-title">
      <h3 id="about-title">About</h3>
      <div className="setting-row">
        <span className="setting-label">Authenticator</span>
        <span className="setting-value">
          Version {version} · {licence} licence
        </span>
      </div>
      <details className="licences">
        <summary>Open-source packages in this app ({packages.length})</summary>
        {/* It scrolls: focusable, so the keyboard can scroll it too. */}
        <ul tabIndex={0} aria-label="Open-source packages">
          {packages.map((item) => (
            <li key={item.name}>
              <span className="licence-name">{item.name}</span> <span className="licence-version">{item.version}</span>
              <span className="badge">{item.license}</span>
            </li>
          ))}
        </ul>
        <p className="hint">Also the typeface Inter (SIL Open Font License), service logos from simple-icons (CC0) and icons from Lucide (ISC).</p>
      </details>
    </section>
  );
}
