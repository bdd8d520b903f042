import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  CASE_STATE_VALUES,
  PRIORITY_VALUES,
  type CaseState,
  type CaseSummary,
  type Priority,
} from '../../../shared/model/case';
import type { CaseSort, CaseRow as CaseRowData } from '../../../shared/model/case-query';
import { useFormat } from '../../i18n/use-format';
import { rowAt, type QueryWindow } from '../../store/query-window';
import { Badge } from '../../ui/badge';
import { Icon } from '../../ui/icon';
import { useElementWidth } from '../../ui/use-element-width';
import { CASE_HEADER_HEIGHT } from './case-columns';
import { categoryLabel, PRIORITY_TONE, STATE_TONE } from './case-labels';
import { listKeyAction } from './case-list-keys';
import {
  caseListLayout,
  columnTemplate,
  type CaseColumn,
  type CaseListLayout,
  type ColumnWidths,
} from './case-list-layout';
import { ColumnResizer } from './column-resizer';
import { useColumnWidths } from './use-column-widths';
import { useFixedRowWindow } from './use-fixed-row-window';

type Format = ReturnType<typeof useFormat>;

/** The state and priority badges' words, looked up once per language rather than translated per row. */
interface RowLabels {
  state: Record<CaseState, string>;
  priority: Record<Priority, string>;
}

function rowLabels(t: TFunction): RowLabels {
  return {
    state: Object.fromEntries(CASE_STATE_VALUES.map((state) => [state, t(`state.${state}`)])) as Record<
      CaseState,
      string
    >,
    priority: Object.fromEntries(PRIORITY_VALUES.map((priority) => [priority, t(`priority.${priority}`)])) as Record<
      Priority,
      string
    >,
  };
}

/** Rows rendered beyond each edge of the viewport: enough for a wheel step, few enough for a cheap keystroke. */
const OVERSCAN_ROWS = 6;

export interface CaseTableProps {
  queryWindow: QueryWindow;
  sort: CaseSort;
  openName: string | null;
  now: number;
  onSort(key: CaseSort['key']): void;
  onRange(first: number, last: number): void;
  onOpen(row: CaseSummary): void;
  /** Escape on the list, with a case open. */
  onClose(): void;
}

/**
 * The case list as an ARIA grid, virtualized: only the rows on screen exist in the DOM,
 * and the rows of a page not fetched yet show as placeholders until cases:query answers.
 * Memoized: a keystroke re-renders nothing here until its answer replaces the shown window.
 */
export const CaseTable = memo(function CaseTable({
  queryWindow,
  sort,
  openName,
  now,
  onSort,
  onRange,
  onOpen,
  onClose,
}: CaseTableProps) {
  // The query of the rows on screen, not the one being typed: the list goes back to the top with its answer.
  const queryKey = queryWindow.key;
  const { t } = useTranslation();
  const labels = useMemo(() => rowLabels(t), [t]);
  const format = useFormat();
  // The active row belongs to the query it was picked in: a new query starts at its first row.
  const [activeIn, setActiveIn] = useState({ queryKey, index: 0 });
  const active = activeIn.queryKey === queryKey ? activeIn.index : 0;
  // Read from a ref so that the callbacks handed to the rows stay the same from query to query.
  const queryKeyRef = useRef(queryKey);
  useEffect(() => {
    queryKeyRef.current = queryKey;
  }, [queryKey]);
  const setActive = useCallback((index: number) => setActiveIn({ queryKey: queryKeyRef.current, index }), []);
  const total = queryWindow.total ?? 0;
  const [widths, resizeColumn] = useColumnWidths();
  // The layout follows the list's own width (a case open beside it, the window, the zoom), measured.
  const measureRef = useRef<HTMLDivElement>(null);
  const layout = caseListLayout(useElementWidth(measureRef));
  const { scrollerRef, first, last, totalHeight, scrollToRow } = useFixedRowWindow({
    count: total,
    rowHeight: layout.rowHeight,
    headerHeight: CASE_HEADER_HEIGHT,
    overscan: OVERSCAN_ROWS,
    resetKey: queryKey,
  });

  useEffect(() => {
    onRange(first, last);
  }, [first, last, onRange]);

  const move = (to: number, open: boolean) => {
    const index = Math.min(Math.max(to, 0), total - 1);
    if (index < 0) return;
    setActive(index);
    scrollToRow(index);
    const row = rowAt(queryWindow, index);
    if (open && row) onOpen(row);
  };

  // j / k anywhere outside a text field: next / previous case, opened.
  const moveRef = useRef(move);
  useEffect(() => {
    moveRef.current = move;
  });
  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  }, [active]);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        isEditable(event.target) ||
        document.querySelector('dialog[open]')
      )
        return;
      if (event.key === 'j') moveRef.current(activeRef.current + 1, true);
      else if (event.key === 'k') moveRef.current(activeRef.current - 1, true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, last - first + 1 - 2 * OVERSCAN_ROWS - 1);
    const action = listKeyAction(event.key, { active, total, page, caseOpen: openName !== null });
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'close') onClose();
    else move(action.to, action.open);
  };

  // The case panel closed while the focus was in it (Close, Escape): the focus comes back to the case's row.
  const wasOpen = useRef(openName);
  useEffect(() => {
    const closed = wasOpen.current !== null && openName === null;
    wasOpen.current = openName;
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    if (closed && focusLost && scrollerRef.current) {
      scrollerRef.current.focus();
      scrollToRow(activeRef.current);
    }
  });

  const activeRendered = active >= first && active <= last;
  // One handler for every row rather than a closure per row: React re-assigns a row's
  // click handler on the element each time it changes, 40 writes per keystroke's answer.
  const onBodyClick = (event: MouseEvent<HTMLDivElement>) => {
    const element = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-row-index]') : null;
    const index = Number(element?.dataset.rowIndex);
    const row = element ? rowAt(queryWindow, index) : undefined;
    if (!row) return;
    setActive(index);
    onOpen(row);
  };

  return (
    <div className="case-grid-frame" ref={measureRef}>
      <div
        ref={scrollerRef}
        className={`case-grid is-${layout.mode}`}
        role="grid"
        aria-label={t('cases.gridLabel')}
        aria-rowcount={total + 1}
        aria-colcount={layout.columns.length}
        aria-activedescendant={activeRendered ? rowId(active) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ '--case-columns': columnTemplate(layout.columns, widths) } as CSSProperties}
        data-testid="case-grid"
        data-layout={layout.mode}
      >
        <CaseHead
          columns={layout.columns}
          compact={layout.mode === 'compact'}
          sort={sort}
          widths={widths}
          t={t}
          onSort={onSort}
          onResize={resizeColumn}
        />
        <div role="rowgroup" className="case-body" style={{ height: totalHeight }} onClick={onBodyClick}>
          {indexesBetween(first, last).map((index) => {
            const row = rowAt(queryWindow, index);
            const top = index * layout.rowHeight;
            // Keyed by position: when the query changes, the rows on screen update in place instead of remounting.
            return row ? (
              <CaseRow
                key={index}
                row={row}
                index={index}
                top={top}
                active={index === active}
                open={row.name === openName}
                now={now}
                t={t}
                labels={labels}
                format={format}
                mode={layout.mode}
              />
            ) : (
              <PlaceholderRow key={index} index={index} top={top} columns={layout.columns} />
            );
          })}
        </div>
      </div>
    </div>
  );
});

interface CaseHeadProps {
  columns: readonly CaseColumn[];
  compact: boolean;
  sort: CaseSort;
  widths: ColumnWidths;
  t: TFunction;
  onSort(key: CaseSort['key']): void;
  onResize(key: CaseSort['key'], delta: number): void;
}

/** The column headers: memoized, so a keystroke's answer re-renders the rows only. */
const CaseHead = memo(function CaseHead({ columns, compact, sort, widths, t, onSort, onResize }: CaseHeadProps) {
  return (
    <div role="rowgroup" className="case-head">
      <div role="row" aria-rowindex={1} className="case-row case-head-row">
        {columns.map((column) => {
          const sorted = sort.key === column.key;
          const label = t(`cases.columns.${column.key}`);
          return (
            <div
              key={column.key}
              role="columnheader"
              className={`case-cell ${column.className}`}
              aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                <span>{label}</span>
                {sorted && <Icon name={sort.direction === 'asc' ? 'arrowUp' : 'arrowDown'} size={12} />}
              </button>
              {/* The title takes the room the other columns leave: widening one narrows it. */}
              {!compact && column.key !== 'title' && (
                <ColumnResizer
                  label={t('cases.resizeColumn', { column: label })}
                  width={widths[column.key]}
                  onResize={(delta) => onResize(column.key, delta)}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
});

/** Rows have a fixed size: containing them keeps a changed row's style and layout work inside it. */
function rowStyle(top: number) {
  return { transform: `translateY(${top}px)`, contain: 'strict' } as const;
}

function indexesBetween(first: number, last: number): number[] {
  const indexes: number[] = [];
  for (let index = first; index <= last; index += 1) indexes.push(index);
  return indexes;
}

function rowId(index: number): string {
  return `case-row-${index}`;
}

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

interface CaseRowProps {
  row: CaseRowData;
  index: number;
  top: number;
  active: boolean;
  open: boolean;
  now: number;
  /** Passed down rather than hooked per row: the rows of a keystroke's answer render with less work. */
  t: TFunction;
  labels: RowLabels;
  format: Format;
  mode: CaseListLayout['mode'];
}

const CaseRow = memo(function CaseRow({ row, index, top, active, open, now, t, labels, format, mode }: CaseRowProps) {
  const classes = [
    'case-row',
    active && 'is-active',
    open && 'is-open',
    row.state === 'ACTION_REQUIRED' && 'needs-action',
    row.unread && 'is-unread',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="row"
      id={rowId(index)}
      aria-rowindex={index + 2}
      aria-selected={open}
      className={classes}
      style={rowStyle(top)}
      data-row-index={index}
      data-testid="case-row"
      data-case-name={row.name}
    >
      <div role="gridcell" className="case-cell col-title">
        {row.unread && (
          <span className="unread-dot" title={t('unread.hint')} data-testid="unread-mark">
            <span className="visually-hidden">{t('unread.mark')}</span>
          </span>
        )}
        <span className="case-title-text" title={row.title}>
          {row.title}
        </span>
        {row.escalated && (
          <span className="case-flag" title={t('cases.escalated')}>
            <Icon name="flag" size={12} />
            <span className="visually-hidden">{t('cases.escalated')}</span>
          </span>
        )}
        {row.pending && <Badge tone="info">{t('cases.pending')}</Badge>}
      </div>
      <div role="gridcell" className="case-cell col-customer" title={row.customerName}>
        {row.customerName}
      </div>
      <div role="gridcell" className="case-cell col-state">
        <Badge tone={STATE_TONE[row.state]}>{labels.state[row.state]}</Badge>
      </div>
      <div role="gridcell" className="case-cell col-priority">
        <Badge tone={PRIORITY_TONE[row.priority]}>{labels.priority[row.priority]}</Badge>
      </div>
      {mode === 'wide' && (
        <div role="gridcell" className="case-cell col-category muted" title={row.category}>
          {categoryLabel(row.category)}
        </div>
      )}
      <div role="gridcell" className="case-cell col-updated muted">
        <time dateTime={row.updateTime} title={format.dateTime(row.updateTime)}>
          {format.relative(row.updateTime, now)}
        </time>
      </div>
      {mode === 'wide' && (
        <div role="gridcell" className="case-cell col-created muted">
          <time dateTime={row.createTime} title={format.dateTime(row.createTime)}>
            {format.shortDate(row.createTime, now)}
          </time>
        </div>
      )}
    </div>
  );
}, sameRowProps);

/**
 * A row re-renders when what it shows changes, not when its case was fetched again: after
 * cases:changed the rows on screen come back as new objects, mostly equal to the old.
 */
function sameRowProps(previous: CaseRowProps, next: CaseRowProps): boolean {
  for (const key of Object.keys(next) as (keyof CaseRowProps)[]) {
    if (key === 'row' ? !sameFields(previous.row, next.row) : previous[key] !== next[key]) return false;
  }
  return true;
}

/** Rows are flat records of strings and booleans: equal when every field is. */
function sameFields<T extends object>(a: T, b: T): boolean {
  if (a === b) return true;
  const keys = Object.keys(b) as (keyof T)[];
  return keys.length === Object.keys(a).length && keys.every((key) => a[key] === b[key]);
}

function PlaceholderRow({ index, top, columns }: { index: number; top: number; columns: readonly CaseColumn[] }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      className="case-row is-placeholder"
      style={rowStyle(top)}
    >
      {columns.map((column) => (
        <div key={column.key} role="gridcell" className={`case-cell ${column.className}`}>
          <span className="skeleton" />
        </div>
      ))}
    </div>
  );
}
