/**
 * The settings of a new vault (and of fields an older vault lacks). Kept apart from the schema so the renderer can
 * show them before main answers, without loading the validation library.
 */
export const defaultSettings = {
  clipboardClearSeconds: 30,
  hideCodes: false,
  theme: 'system',
  /** Above this many accounts the tray menu lists only the pinned ones, plus "All accounts…". */
  trayMaxAccounts: 10,
  /**
   * "Correct codes for this offset": codes use the clock offset measured from Microsoft's answers. Only the switch is
   * kept (in the vault, so it holds after a restart); the offset is measured afresh in every run and never stored.
   */
  correctClockOffset: false,
  /** With the app lock on: lock after this long without input ('onMinimise': whenever the window is minimised or hidden). */
  autoLock: '5m',
  /** The quick picker's global shortcut is registered (off: the app claims no shortcut at all). */
  quickPickerOn: true,
  /** Ctrl+Alt+A; Cmd+Option+A on macOS (the syntax: shared/quick-shortcut.ts). */
  quickPickerShortcut: 'CommandOrControl+Alt+A',
  trayClick: 'openWindow',
} as const;
