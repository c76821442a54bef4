import { describe, expect, it } from 'vitest';
import { rowsInView } from './use-window-rows.js';

// Ten rows of 100 px, the first 50 px down the page: row i spans [50 + 100i, 150 + 100i).
const rows = { count: 10, height: 100, offset: 50 };

describe('rowsInView', () => {
  it('renders the rows that meet the window, including the one cut by its bottom edge', () => {
    // A 300 px window at the top shows [0, 300): rows 0 (50-150), 1 and 2 (250-350).
    expect(rowsInView(rows, 0, 300, 0)).toEqual({ first: 0, end: 3 });
    // Scrolled to 520: [520, 820) meets rows 4 (450-550) to 7 (750-850).
    expect(rowsInView(rows, 520, 300, 0)).toEqual({ first: 4, end: 8 });
  });

  it('adds overscan rows on each side, never beyond the list', () => {
    expect(rowsInView(rows, 520, 300, 2)).toEqual({ first: 2, end: 10 });
    expect(rowsInView(rows, 0, 300, 3)).toEqual({ first: 0, end: 6 });
  });

  it('stops at the last row, and renders none once the list is scrolled past', () => {
    // [950, 1250) meets rows 9 (950-1050) and beyond, but there are only ten.
    expect(rowsInView(rows, 950, 300, 0)).toEqual({ first: 9, end: 10 });
    expect(rowsInView(rows, 5000, 300, 1)).toEqual({ first: 10, end: 10 });
    expect(rowsInView({ ...rows, count: 0 }, 0, 300, 3)).toEqual({ first: 0, end: 0 });
  });
});
