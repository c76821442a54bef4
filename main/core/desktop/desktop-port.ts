/**
 * What only a desktop host can do for the quick picker and the login items (Electron; the harness has none of it).
 * Kept this small so the Electron side stays wiring.
 */
export interface DesktopPort {
  /** Registers the quick picker's global shortcut in place of the previous one (null: none). False: the system refused it. */
  registerQuickPickerShortcut(accelerator: string | null): boolean;
  /** Hides the quick picker's window (a code was copied, or Escape). */
  hideQuickPicker(): void;
  /** The OS's login items (Electron's on macOS and Windows, XDG autostart on Linux); null where the host has none. */
  startAtLogin: { get(): boolean; set(on: boolean): void | Promise<void> } | null;
}
