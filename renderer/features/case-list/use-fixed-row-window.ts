import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface FixedRowWindowOptions {
  count: number;
  rowHeight: number;
  /** Height of the sticky header above the rows, inside the scroller. */
  headerHeight: number;
  /** Rows rendered beyond each edge of the viewport, so a scroll shows rows at once. */
  overscan: number;
  /** When this changes (a new query), the list goes back to its top. */
  resetKey: string;
}

export interface FixedRowWindow {
  /** Goes on the scrolling element. */
  scrollerRef: RefObject<HTMLDivElement | null>;
  /** First and last row to render (inclusive); last < first when there are none. */
  first: number;
  last: number;
  /** Height of all rows together. */
  totalHeight: number;
  /** Scrolls the least needed to show a row fully below the header. */
  scrollToRow(index: number): void;
}

/**
 * Which rows of a list of fixed-height rows are on screen. With every row the same
 * height this is arithmetic on the scroll offset: no per-row measurements to rebuild
 * when the row count changes (each keystroke in the filter changes it, at 50,000 rows),
 * and no layout read while rendering or when the query changes.
 */
export function useFixedRowWindow({
  count,
  rowHeight,
  headerHeight,
  overscan,
  resetKey,
}: FixedRowWindowOptions): FixedRowWindow {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  /** The scroll offset as of the last scroll event: known without asking for layout. */
  const scrollTop = useRef(0);

  useLayoutEffect(() => {
    const element = scrollerRef.current;
    if (!element) return;
    const update = (height: number) => {
      const top = element.scrollTop;
      scrollTop.current = top;
      setViewport((previous) => (previous.top === top && previous.height === height ? previous : { top, height }));
    };
    update(element.clientHeight);
    const onScroll = () => update(element.clientHeight);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) update(entry.target.clientHeight);
    });
    element.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, []);

  useEffect(() => {
    const element = scrollerRef.current;
    if (element && scrollTop.current !== 0) element.scrollTop = 0;
  }, [resetKey]);

  const rowsBottom = viewport.top + viewport.height - headerHeight;
  const first = Math.max(0, Math.floor(Math.max(0, viewport.top) / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil(rowsBottom / rowHeight) - 1 + overscan);

  const scrollToRow = (index: number) => {
    const element = scrollerRef.current;
    if (!element) return;
    // Row `index` starts index * rowHeight below the header, which stays stuck over the top of the viewport.
    const rowTop = index * rowHeight;
    const visibleHeight = element.clientHeight - headerHeight;
    if (rowTop < element.scrollTop) element.scrollTop = rowTop;
    else if (rowTop + rowHeight > element.scrollTop + visibleHeight)
      element.scrollTop = rowTop + rowHeight - visibleHeight;
  };

  return { scrollerRef, first, last, totalHeight: count * rowHeight, scrollToRow };
}
