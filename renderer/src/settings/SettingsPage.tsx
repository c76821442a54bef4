import { useEffect, useRef } from 'react';
import type { BackupStatus } from '../../../shared/backup.js';
import type { Settings } from '../../../shared/settings.js';
import { AboutSection } from './AboutSection.js';
import { DesktopSection } from './desktop/DesktopSection.js';
import { BackupSection } from './backup/BackupSection.js';
import { BackBar, useBackOnEscape } from '../app-shell/sub-page.js';
import { ExportSection } from '../export/ExportSection.js';
import { ImportSection } from '../import/ImportSection.js';
import { AppLockSettings } from '../lock/AppLockSettings.js';
import type { ToastMessage } from '../app-shell/Toast.js';
import { SettingsNav } from './SettingsNav.js';
import './settings-page.css';

const CLEAR_DELAYS = [10, 20, 30, 60, 120, 300];

/**
 * Settings, as a settings page: sections (backup, security, import, export, appearance, desktop, about) of rows, each a
 * label and its control, with a table of contents (SettingsNav) beside them.
 */
export function SettingsPage({
  settings,
  backup,
  onChange,
  onBack,
  onBeginRecovery,
  onRecoverFromFile,
  onToast,
  appLockRequest = null,
}: {
  settings: Settings;
  backup: BackupStatus | null;
  onChange(patch: Partial<Settings>): void;
  onBack(): void;
  onBeginRecovery(): void;
  /** The recovery wizard opened on its backup-file step (no recovery account needed). */
  onRecoverFromFile(): void;
  onToast(message: ToastMessage): void;
  /** Opened to turn the app lock on (a new object each time): the App lock group is brought into view, not the top. */
  appLockRequest?: object | null;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const openedForAppLock = useRef(appLockRequest !== null);
  useEffect(() => {
    if (!openedForAppLock.current) heading.current?.focus();
  }, []);
  useBackOnEscape(onBack);
  return (
    <section className="settings with-nav" aria-labelledby="settings-title">
      <BackBar onBack={onBack} />
      <h2 id="settings-title" tabIndex={-1} ref={heading}>
        Settings
      </h2>
      <SettingsNav />
      <BackupSection status={backup} onBeginRecovery={onBeginRecovery} onRecoverFromFile={onRecoverFromFile} />
      <section className="settings-section" aria-labelledby="security-title">
        <h3 id="security-title">Security</h3>
        <AppLockSettings
          backup={backup}
          autoLock={settings.autoLock}
          onAutoLock={(autoLock) => onChange({ autoLock })}
          onSetUpBackup={() => document.querySelector<HTMLElement>('.settings .settings-section button, .settings fieldset button')?.focus()}
          onToast={onToast}
          focusRequest={appLockRequest} />
        <label className="setting setting-row">
          <span className="setting-label">Clear copied codes from the clipboard after</span>
          <select value={settings.clipboardClearSeconds} onChange={(e) => onChange({ clipboardClearSeconds: Number(e.target.value) })}>
            {[...new Set([...CLEAR_DELAYS, settings.clipboardClearSeconds])].sort((a, b) => a - b).map((s) => (
              <option key={s} value={s}>
                {s < 60 ? `${s} seconds` : `${s / 60} minute${s === 60 ? '' : 's'}`}
              </option>
            ))}
          </select>
        </label>
        <label className="setting setting-row">
          <span className="setting-label">Hide codes until the pointer or keyboard focus is on them</span>
          <input type="checkbox" className="switch" checked={settings.hideCodes} onChange={(e) => onChange({ hideCodes: e.target.checked })} />
        </label>
      </section>
      <ImportSection onRecoverFromFile={onRecoverFromFile} />
      <ExportSection />
      <section className="settings-section" aria-labelledby="appearance-title">
        <h3 id="appearance-title">Appearance</h3>
        <div className="setting-row" role="radiogroup" aria-labelledby="theme-label">
          <span className="setting-label" id="theme-label">
            Theme
          </span>
          <span className="segmented">
            {(['system', 'light', 'dark'] as const).map((theme) => (
              <label key={theme}>
                <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => onChange({ theme })} />
                <span>{theme === 'system' ? 'Same as the system' : theme === 'light' ? 'Light' : 'Dark'}</span>
              </label>
            ))}
          </span>
        </div>
      </section>
      <DesktopSection settings={settings} onChange={onChange} />
      <AboutSection />
    </section>
  );
}
