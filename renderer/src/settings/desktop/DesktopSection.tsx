import { useState } from 'react';
import type { Settings } from '../../../../shared/settings.js';
import { call } from '../../app-shell/api.js';
import { FormError } from '../../ui/FormError.js';
import { failureMessage } from '../../ui/use-action.js';
import { ShortcutField } from './ShortcutField.js';
import { useDesktopStatus } from './use-desktop-status.js';
import './desktop-settings.css';

const TRAY_COUNTS = [3, 5, 10, 15, 20, 30, 50];

/** Settings > Desktop: the quick picker's shortcut, start at login, and the tray icon. */
export function DesktopSection({ settings, onChange }: { settings: Settings; onChange(patch: Partial<Settings>): void }) {
  const [status, setStatus] = useDesktopStatus();
  const shortcutState = status?.quickPickerShortcut;
  const [loginProblem, setLoginProblem] = useState<string | null>(null);
  const setStartAtLogin = (on: boolean) => {
    setLoginProblem(null);
    call('setStartAtLogin', { on }).then(setStatus, (caught: unknown) => setLoginProblem(failureMessage(caught, 'Starting at login could not be changed.')));
  };
  return (
    <section className="settings-section" aria-labelledby="desktop-title">
      <h3 id="desktop-title">Desktop</h3>
      <label className="setting setting-row">
        <span className="setting-label">
          Open the quick picker with a shortcut, from any app
          <span className="hint">Type a few letters of an account, press Enter, and its code is on the clipboard.</span>
        </span>
        <input type="checkbox" className="switch" checked={settings.quickPickerOn} onChange={(e) => onChange({ quickPickerOn: e.target.checked })} />
      </label>
      <div className="setting-row">
        <span className="setting-label" id="quick-shortcut-label">
          Quick picker shortcut
        </span>
        <ShortcutField
          value={settings.quickPickerShortcut}
          labelledBy="quick-shortcut-label"
          disabled={!settings.quickPickerOn}
          onChange={(quickPickerShortcut) => onChange({ quickPickerShortcut })}
        />
      </div>
      {settings.quickPickerOn && shortcutState === 'refused' && (
        <div className="callout warning" role="status">
          <p className="callout-title">This shortcut is taken</p>
          <p>Another app, or the system, already uses it, so it does nothing here. Choose another one.</p>
        </div>
      )}
      {shortcutState === 'notAvailable' && <p className="hint desktop-note">The shortcut works in the desktop app; this page has no global shortcuts.</p>}

      <div className="setting-row">
        <span className="setting-label" id="start-at-login-label">
          Start when you log in
        </span>
        {status === null || status.startAtLogin !== null ? (
          <input
            type="checkbox"
            className="switch"
            aria-labelledby="start-at-login-label"
            checked={status?.startAtLogin ?? false}
            disabled={status === null}
            onChange={(e) => setStartAtLogin(e.target.checked)}
          />
        ) : (
          <span className="setting-value">Not available here</span>
        )}
      </div>
      <FormError message={loginProblem} />

      <label className="setting setting-row">
        <span className="setting-label">
          Accounts listed in the tray menu
          <span className="hint">With more accounts, the menu lists only the pinned ones.</span>
        </span>
        <select value={settings.trayMaxAccounts} onChange={(e) => onChange({ trayMaxAccounts: Number(e.target.value) })}>
          {[...new Set([...TRAY_COUNTS, settings.trayMaxAccounts])].sort((a, b) => a - b).map((count) => (
            <option key={count} value={count}>
              {count}
            </option>
          ))}
        </select>
      </label>
      <div className="setting-row" role="radiogroup" aria-labelledby="tray-click-label">
        <span className="setting-label" id="tray-click-label">
          A click on the tray icon
          <span className="hint">On Windows; elsewhere a click opens the tray menu.</span>
        </span>
        <span className="segmented">
          {(['openWindow', 'openQuickPicker'] as const).map((choice) => (
            <label key={choice}>
              <input type="radio" name="trayClick" value={choice} checked={settings.trayClick === choice} onChange={() => onChange({ trayClick: choice })} />
              <span>{choice === 'openWindow' ? 'Opens the window' : 'Opens the quick picker'}</span>
            </label>
          ))}
        </span>
      </div>
    </section>
  );
}
