/**
 * The quick picker's global shortcut, in Electron's accelerator syntax ("CommandOrControl+Alt+A"). Plain functions with
 * no Electron import: the settings schema, the recorder field and main's registration all use these rules.
 */

/** Modifiers in the order a canonical accelerator names them. CommandOrControl: Cmd on macOS, Ctrl elsewhere. */
const MODIFIERS = ['CommandOrControl', 'Control', 'Alt', 'Shift', 'Super'] as const;
type Modifier = (typeof MODIFIERS)[number];

/** Other spellings Electron accepts for the same modifier. */
const MODIFIER_ALIASES: Record<string, Modifier> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'CommandOrControl',
  cmd: 'CommandOrControl',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

const NAMED_KEYS = ['Space', 'Tab', 'Backspace', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown', 'Up', 'Down', 'Left', 'Right'];

export interface QuickShortcut {
  modifiers: Modifier[];
  key: string;
}

/**
 * The shortcut an accelerator names, or null when it is not one the app accepts: exactly one key (a letter, a digit,
 * F1–F24 or a named key) and at least one modifier other than Shift, so a global shortcut never swallows plain typing.
 */
export function parseQuickShortcut(accelerator: string): QuickShortcut | null {
  const parts = accelerator.split('+').map((part) => part.trim());
  if (parts.length < 2 || parts.some((part) => part === '')) return null;
  const modifiers = new Set<Modifier>();
  for (const part of parts.slice(0, -1)) {
    const modifier = MODIFIER_ALIASES[part.toLowerCase()];
    if (!modifier || modifiers.has(modifier)) return null;
    modifiers.add(modifier);
  }
  const key = normaliseKey(parts[parts.length - 1]!);
  if (key === null || [...modifiers].every((modifier) => modifier === 'Shift')) return null;
  return { modifiers: MODIFIERS.filter((modifier) => modifiers.has(modifier)), key };
}

/** The one spelling of a shortcut that settings store. */
export function formatQuickShortcut({ modifiers, key }: QuickShortcut): string {
  return [...modifiers, key].join('+');
}

function normaliseKey(part: string): string | null {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  const fKey = /^f([1-9]|1[0-9]|2[0-4])$/i.exec(part);
  if (fKey) return `F${fKey[1]}`;
  return NAMED_KEYS.find((name) => name.toLowerCase() === part.toLowerCase()) ?? null;
}

/** What a keydown names, as the recorder field reads it (the layout-independent `code`, since Option+A types "å"). */
export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/**
 * The shortcut a key press makes, or null for a press that is no shortcut (a modifier alone, a plain letter). On macOS
 * Cmd is recorded as CommandOrControl and Ctrl as Control; elsewhere Ctrl is CommandOrControl and the Windows key Super,
 * so the default reads the same on every system.
 */
export function shortcutFromKeyPress(press: KeyPress, mac: boolean): string | null {
  const key = keyOfCode(press.code);
  if (key === null) return null;
  const modifiers: Modifier[] = [];
  if (mac ? press.metaKey : press.ctrlKey) modifiers.push('CommandOrControl');
  if (mac && press.ctrlKey) modifiers.push('Control');
  if (press.altKey) modifiers.push('Alt');
  if (press.shiftKey) modifiers.push('Shift');
  if (!mac && press.metaKey) modifiers.push('Super');
  const parsed = parseQuickShortcut([...modifiers, key].join('+'));
  return parsed && formatQuickShortcut(parsed);
}

function keyOfCode(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1]!;
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return digit[1]!;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  const arrows: Record<string, string> = { ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right' };
  return arrows[code] ?? NAMED_KEYS.find((name) => name === code) ?? null;
}

/** How the shortcut reads to a person: "Ctrl+Alt+A", or "⌘⌥A" on macOS. Null for one that does not parse. */
export function shortcutLabel(accelerator: string, mac: boolean): string | null {
  const parsed = parseQuickShortcut(accelerator);
  if (!parsed) return null;
  const names: Record<Modifier, [mac: string, other: string]> = {
    CommandOrControl: ['⌘', 'Ctrl'],
    Control: ['⌃', 'Ctrl'],
    Alt: ['⌥', 'Alt'],
    Shift: ['⇧', 'Shift'],
    Super: ['⌘', 'Super'],
  };
  const modifiers = [...new Set(parsed.modifiers.map((modifier) => names[modifier][mac ? 0 : 1]))];
  return mac ? `${modifiers.join('')}${parsed.key}` : [...modifiers, parsed.key].join('+');
}
