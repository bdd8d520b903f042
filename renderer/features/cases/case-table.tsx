import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../../shared/model/case';
import type { CaseSort } from '../../../shared/model/case-query';
import { useFormat } from '../../i18n/use-format';
import { rowAt, type QueryWindow } from '../../store/query-window';
import { Badge } from '../../ui/badge';
import { Icon } from '../../ui/icon';
import { CASE_COLUMNS, CASE_HEADER_HEIGHT, CASE_ROW_HEIGHT } from './case-columns';
import { categoryLabel, PRIORITY_TONE, STATE_TONE } from './case-labels';

export interface CaseTableProps {
  queryWindow: QueryWindow;
  sort: CaseSort;
  /** Changes when the query changes: the list goes back to the top. */
  queryKey: string;
  openName: string | null;
  now: number;
  onSort(key: CaseSort['key']): void;
  onRange(first: number, last: number): void;
  onOpen(row: CaseSummary): void;
}

/**
 * The case list as an ARIA grid, virtualized: only the rows on screen exist in the DOM,
 * and the rows of a page not fetched yet show as placeholders until cases:query answers.
 */
export function CaseTable({ queryWindow, sort, queryKey, openName, now, onSort, onRange, onOpen }: CaseTableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const total = queryWindow.total ?? 0;

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => CASE_ROW_HEIGHT,
    overscan: 12,
    scrollMargin: CASE_HEADER_HEIGHT,
    scrollPaddingStart: CASE_HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRange(first, last);
  }, [first, last, onRange]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
    setActive(0);
  }, [queryKey, virtualizer]);

  const move = (to: number, open: boolean) => {
    const index = Math.min(Math.max(to, 0), total - 1);
    if (index < 0) return;
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
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
    const page = Math.max(1, items.length - 4);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in steps) move(active + (steps[event.key] ?? 0), false);
    else if (event.key === 'Home') move(0, false);
    else if (event.key === 'End') move(total - 1, false);
    else if (event.key === 'Enter' || event.key === ' ') move(active, true);
    else return;
    event.preventDefault();
  };

  const activeRendered = items.some((item) => item.index === active);
  const openRow = useCallback(
    (row: CaseSummary, index: number) => {
      setActive(index);
      onOpen(row);
    },
    [onOpen],
  );

  return (
    <div
      ref={scroller}
      className="case-grid"
      role="grid"
      aria-label={t('cases.gridLabel')}
      aria-rowcount={total + 1}
      aria-colcount={CASE_COLUMNS.length}
      aria-activedescendant={activeRendered ? rowId(active) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="case-grid"
    >
      <div role="rowgroup" className="case-head">
        <div role="row" aria-rowindex={1} className="case-row case-head-row">
          {CASE_COLUMNS.map((column) => {
            const sorted = sort.key === column.key;
            return (
              <div
                key={column.key}
                role="columnheader"
                className={`case-cell ${column.className}`}
                aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                  <span>{t(`cases.columns.${column.key}`)}</span>
                  {sorted && <Icon name={sort.direction === 'asc' ? 'arrowUp' : 'arrowDown'} size={12} />}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="case-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rowAt(queryWindow, item.index);
          const top = item.start - CASE_HEADER_HEIGHT;
          return row ? (
            <CaseRow
              key={row.name}
              row={row}
              index={item.index}
              top={top}
              active={item.index === active}
              open={row.name === openName}
              now={now}
              onOpen={openRow}
            />
          ) : (
            <PlaceholderRow key={`placeholder-${item.index}`} index={item.index} top={top} />
          );
        })}
      </div>
    </div>
  );
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

const CaseRow = memo(function CaseRow({
  row,
  index,
  top,
  active,
  open,
  now,
  onOpen,
}: {
  row: CaseSummary;
  index: number;
  top: number;
  active: boolean;
  open: boolean;
  now: number;
  onOpen: (row: CaseSummary, index: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const classes = [
    'case-row',
    active && 'is-active',
    open && 'is-open',
    row.state === 'ACTION_REQUIRED' && 'needs-action',
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
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(row, index)}
      data-testid="case-row"
      data-case-name={row.name}
    >
      <div role="gridcell" className="case-cell col-title">
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
        <Badge tone={STATE_TONE[row.state]}>{t(`state.${row.state}`)}</Badge>
      </div>
      <div role="gridcell" className="case-cell col-priority">
        <Badge tone={PRIORITY_TONE[row.priority]}>{t(`priority.${row.priority}`)}</Badge>
      </div>
      <div role="gridcell" className="case-cell col-category muted" title={row.category}>
        {categoryLabel(row.category)}
      </div>
      <div role="gridcell" className="case-cell col-updated muted">
        <time dateTime={row.updateTime} title={format.dateTime(row.updateTime)}>
          {format.relative(row.updateTime, now)}
        </time>
      </div>
      <div role="gridcell" className="case-cell col-created muted">
        <time dateTime={row.createTime} title={format.dateTime(row.createTime)}>
          {format.shortDate(row.createTime, now)}
        </time>
      </div>
    </div>
  );
});

function PlaceholderRow({ index, top }: { index: number; top: number }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      className="case-row is-placeholder"
      style={{ transform: `translateY(${top}px)` }}
    >
      {CASE_COLUMNS.map((column) => (
        <div key={column.key} role="gridcell" className={`case-cell ${column.className}`}>
          <span className="skeleton" />
        </div>
      ))}
    </div>
  );
}
