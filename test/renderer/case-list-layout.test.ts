import { describe, expect, it } from 'vitest';
import {
  caseListLayout,
  columnTemplate,
  COMPACT_BELOW_PX,
  DEFAULT_COLUMN_WIDTHS,
  MAX_COLUMN_WIDTH_PX,
  MIN_COLUMN_WIDTH_PX,
  parseColumnWidths,
  resizeColumn,
  WIDE_FROM_PX,
} from '../../renderer/features/case-list/case-list-layout';

const keys = (width: number) => caseListLayout(width).columns.map((column) => column.key);

describe('case list layout', () => {
  it('shows every column when wide, the five that tell cases apart when narrower', () => {
    expect(keys(WIDE_FROM_PX)).toHaveLength(7);
    expect(keys(WIDE_FROM_PX - 1)).toEqual(['title', 'customerName', 'state', 'priority', 'updateTime']);
    expect(caseListLayout(WIDE_FROM_PX - 1).mode).toBe('medium');
  });

  it('goes to two-line rows, customer kept, below the medium width (a case open beside it, 200 % zoom)', () => {
    const compact = caseListLayout(COMPACT_BELOW_PX - 1);
    expect(compact.mode).toBe('compact');
    expect(compact.columns.map((column) => column.key)).toContain('customerName');
    expect(compact.rowHeight).toBeGreaterThan(caseListLayout(COMPACT_BELOW_PX).rowHeight);
    // A case open beside the list in a 1400 px window leaves it about 590 px; 200 % zoom about 480.
    expect(caseListLayout(590).mode).toBe('compact');
    expect(caseListLayout(480).mode).toBe('compact');
  });

  it('builds the grid columns from the widths, the title taking the room left', () => {
    const template = columnTemplate(caseListLayout(WIDE_FROM_PX - 1).columns, DEFAULT_COLUMN_WIDTHS);
    expect(template).toBe('minmax(240px, 1fr) 160px 172px 116px 112px');
  });

  it('resizes a column within bounds, and keeps the same object when nothing changes', () => {
    expect(resizeColumn(DEFAULT_COLUMN_WIDTHS, 'state', 30).state).toBe(202);
    expect(resizeColumn(DEFAULT_COLUMN_WIDTHS, 'state', -1000).state).toBe(MIN_COLUMN_WIDTH_PX);
    expect(resizeColumn(DEFAULT_COLUMN_WIDTHS, 'state', 1000).state).toBe(MAX_COLUMN_WIDTH_PX);
    const narrowest = resizeColumn(DEFAULT_COLUMN_WIDTHS, 'priority', -1000);
    expect(resizeColumn(narrowest, 'priority', -5)).toBe(narrowest);
  });

  it('reads saved widths, dropping what is unreadable or out of bounds', () => {
    expect(parseColumnWidths(null)).toEqual(DEFAULT_COLUMN_WIDTHS);
    expect(parseColumnWidths('{not json')).toEqual(DEFAULT_COLUMN_WIDTHS);
    expect(parseColumnWidths('[1,2]')).toEqual(DEFAULT_COLUMN_WIDTHS);
    const saved = parseColumnWidths(JSON.stringify({ state: 200, priority: 5, category: 'wide', extra: 300 }));
    expect(saved).toEqual({ ...DEFAULT_COLUMN_WIDTHS, state: 200 });
  });
});
