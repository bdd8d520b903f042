import type { CaseSort } from '../../../shared/model/case-query';
import { CASE_COLUMNS, CASE_ROW_HEIGHT } from './case-columns';

type ColumnKey = CaseSort['key'];
export type CaseColumn = (typeof CASE_COLUMNS)[number];

/**
 * How the case list lays out at a given width. Wide: every column, one line per case.
 * Medium: the five columns a user tells cases apart by. Compact (a case open beside the
 * list, a narrow window, 200 % zoom): two lines per case — the title, then customer, state,
 * priority and when it changed — so titles stay readable and the customer never goes away.
 * Only the columns shown are rendered: the grid's aria-colcount is what the user sees.
 */
export interface CaseListLayout {
  mode: 'wide' | 'medium' | 'compact';
  columns: readonly CaseColumn[];
  rowHeight: number;
}

/** Below this width the five medium columns no longer fit at their smallest (title 200 + 548). */
export const COMPACT_BELOW_PX = 760;
/** From this width the category and creation date fit too. */
export const WIDE_FROM_PX = 1000;

const COMPACT_ROW_HEIGHT_PX = 54;

const MEDIUM_KEYS: readonly ColumnKey[] = ['title', 'customerName', 'state', 'priority', 'updateTime'];
/** The same array at every render: the memoized column headers compare it by identity. */
const MEDIUM_COLUMNS = CASE_COLUMNS.filter((column) => MEDIUM_KEYS.includes(column.key));

export function caseListLayout(width: number): CaseListLayout {
  if (width >= WIDE_FROM_PX) return { mode: 'wide', columns: CASE_COLUMNS, rowHeight: CASE_ROW_HEIGHT };
  return width >= COMPACT_BELOW_PX
    ? { mode: 'medium', columns: MEDIUM_COLUMNS, rowHeight: CASE_ROW_HEIGHT }
    : { mode: 'compact', columns: MEDIUM_COLUMNS, rowHeight: COMPACT_ROW_HEIGHT_PX };
}

export type ColumnWidths = Readonly<Record<ColumnKey, number>>;

/** The width each column starts at; the title's is its least, it takes the room left. */
export const DEFAULT_COLUMN_WIDTHS: ColumnWidths = {
  title: 240,
  customerName: 160,
  state: 172,
  priority: 116,
  category: 150,
  updateTime: 112,
  createTime: 96,
};

/** Narrower than this, a column's header no longer reads. */
export const MIN_COLUMN_WIDTH_PX = 72;
export const MAX_COLUMN_WIDTH_PX = 640;

/** The CSS grid columns of a one-line row. */
export function columnTemplate(columns: readonly CaseColumn[], widths: ColumnWidths): string {
  return columns
    .map((column) => (column.key === 'title' ? `minmax(${widths.title}px, 1fr)` : `${widths[column.key]}px`))
    .join(' ');
}

/** Widths after dragging (or arrowing) one column's edge by `delta` pixels, kept within bounds. */
export function resizeColumn(widths: ColumnWidths, key: ColumnKey, delta: number): ColumnWidths {
  const width = Math.round(Math.min(MAX_COLUMN_WIDTH_PX, Math.max(MIN_COLUMN_WIDTH_PX, widths[key] + delta)));
  return width === widths[key] ? widths : { ...widths, [key]: width };
}

/** Saved widths, checked: anything unreadable or out of bounds falls back to the default. */
export function parseColumnWidths(saved: string | null): ColumnWidths {
  if (!saved) return DEFAULT_COLUMN_WIDTHS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(saved);
  } catch {
    return DEFAULT_COLUMN_WIDTHS;
  }
  if (typeof parsed !== 'object' || parsed === null) return DEFAULT_COLUMN_WIDTHS;
  const widths = { ...DEFAULT_COLUMN_WIDTHS };
  for (const key of Object.keys(widths) as ColumnKey[]) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'number' && value >= MIN_COLUMN_WIDTH_PX && value <= MAX_COLUMN_WIDTH_PX) widths[key] = value;
  }
  return widths;
}
