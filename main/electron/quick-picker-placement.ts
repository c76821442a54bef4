/** Rectangles as Electron's screen API gives them (plain, so placement is unit-tested without Electron). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const QUICK_PICKER_SIZE = { width: 520, height: 420 } as const;

/**
 * Where the quick picker opens: centred on the screen the pointer is on, a fifth of the way down (where launchers
 * open), never past the work area's edges (a small screen, a taskbar on top).
 */
export function quickPickerBounds(workArea: Rect, size: { width: number; height: number } = QUICK_PICKER_SIZE): Rect {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  const x = workArea.x + Math.round((workArea.width - width) / 2);
  const y = workArea.y + Math.min(Math.round(workArea.height / 5), workArea.height - height);
  return { x, y, width, height };
}
