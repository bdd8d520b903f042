import type { CaseQueryResult, CaseRow } from '../../shared/model/case-query';

/** Rows fetched per cases:query call while scrolling. */
export const CASE_PAGE_SIZE = 100;

/**
 * The rows of one list query (scope + filters + sort), loaded page by page as the
 * virtualized list scrolls. Immutable: every change returns a new window.
 * Every request carries a sequence number; a page keeps the answer of the newest
 * request only, so a late answer never overwrites a fresher one.
 */
export interface QueryWindow {
  readonly key: string;
  /** Rows matching the query; null until the first answer. */
  readonly total: number | null;
  /** Unread cases among all `total` rows (the newest answer's). */
  readonly unreadTotal: number;
  readonly syncedAt: string | null;
  readonly pages: Readonly<Record<number, readonly CaseRow[]>>;
  readonly appliedSeq: Readonly<Record<number, number>>;
  readonly inFlightSeq: Readonly<Record<number, number>>;
  readonly totalSeq: number;
  /** Pages answered at or before this sequence number predate a change and must be fetched again. */
  readonly freshAfter: number;
}

export function emptyWindow(key: string): QueryWindow {
  return {
    key,
    total: null,
    unreadTotal: 0,
    syncedAt: null,
    pages: {},
    appliedSeq: {},
    inFlightSeq: {},
    totalSeq: 0,
    freshAfter: 0,
  };
}

/** The pages covering rows [first, last], clamped to the known total. */
export function pagesForRange(first: number, last: number, total: number | null, pageSize = CASE_PAGE_SIZE): number[] {
  const lastRow = total === null ? Math.max(first, 0) : Math.min(last, total - 1);
  if (lastRow < 0 || last < first) return total === null ? [0] : [];
  const pages: number[] = [];
  for (let page = Math.floor(Math.max(first, 0) / pageSize); page <= Math.floor(lastRow / pageSize); page++) {
    pages.push(page);
  }
  return pages;
}

/**
 * Of the wanted pages, those not being fetched and either not fresh or, when a query's
 * first answer brought only the rows on screen, missing rows up to `lastRow`.
 */
export function pagesToFetch(
  window: QueryWindow,
  wanted: readonly number[],
  lastRow = Number.POSITIVE_INFINITY,
  pageSize = CASE_PAGE_SIZE,
): number[] {
  return wanted.filter((page) => {
    if ((window.inFlightSeq[page] ?? 0) > window.freshAfter) return false;
    if ((window.appliedSeq[page] ?? 0) <= window.freshAfter) return true;
    const neededLast = Math.min(lastRow, (window.total ?? 0) - 1, (page + 1) * pageSize - 1);
    return (window.pages[page]?.length ?? 0) < neededLast - page * pageSize + 1;
  });
}

/**
 * Rows to ask for on a page: a whole page, except for a query's first answer, which
 * brings the rows on screen only (through `lastRow`), so it arrives and renders sooner.
 */
export function pageLimit(window: QueryWindow, page: number, lastRow: number, pageSize = CASE_PAGE_SIZE): number {
  if (window.total !== null) return pageSize;
  return Math.min(pageSize, Math.max(1, lastRow - page * pageSize + 1));
}

export function markInFlight(window: QueryWindow, page: number, seq: number): QueryWindow {
  return { ...window, inFlightSeq: { ...window.inFlightSeq, [page]: seq } };
}

export function applyPage(
  window: QueryWindow,
  page: number,
  seq: number,
  result: CaseQueryResult,
  pageSize = CASE_PAGE_SIZE,
): QueryWindow {
  const inFlightSeq = { ...window.inFlightSeq };
  if (inFlightSeq[page] === seq) delete inFlightSeq[page];
  if (seq <= (window.appliedSeq[page] ?? 0)) return { ...window, inFlightSeq };

  const newerTotal = seq > window.totalSeq;
  const total = newerTotal ? result.total : (window.total ?? result.total);
  const pages: Record<number, readonly CaseRow[]> = { ...window.pages, [page]: result.rows };
  const appliedSeq: Record<number, number> = { ...window.appliedSeq, [page]: seq };
  // A shrunk result set leaves pages past its end: they no longer exist.
  for (const key of Object.keys(pages)) {
    const index = Number(key);
    if (index * pageSize >= total && index !== 0) {
      delete pages[index];
      delete appliedSeq[index];
    }
  }
  return {
    ...window,
    total,
    unreadTotal: newerTotal ? result.unreadTotal : window.unreadTotal,
    syncedAt: newerTotal ? result.syncedAt : window.syncedAt,
    totalSeq: newerTotal ? seq : window.totalSeq,
    pages,
    appliedSeq,
    inFlightSeq,
  };
}

/** A request failed: the page may be asked for again. */
export function releasePage(window: QueryWindow, page: number, seq: number): QueryWindow {
  if (window.inFlightSeq[page] !== seq) return window;
  const inFlightSeq = { ...window.inFlightSeq };
  delete inFlightSeq[page];
  return { ...window, inFlightSeq };
}

/** The data changed: keep showing the rows, but fetch every page again. */
export function markStale(window: QueryWindow, seq: number): QueryWindow {
  return { ...window, freshAfter: seq };
}

export function rowAt(window: QueryWindow, index: number, pageSize = CASE_PAGE_SIZE): CaseRow | undefined {
  return window.pages[Math.floor(index / pageSize)]?.[index % pageSize];
}

export function loadedPages(window: QueryWindow): number[] {
  return Object.keys(window.pages).map(Number);
}

/** Keeps at most `maxPages` pages, dropping those farthest from `centerPage`: memory stays flat however far one scrolls. */
export function trimPages(window: QueryWindow, centerPage: number, maxPages: number): QueryWindow {
  const loaded = loadedPages(window);
  if (loaded.length <= maxPages) return window;
  const farthest = loaded
    .sort((a, b) => Math.abs(b - centerPage) - Math.abs(a - centerPage))
    .slice(0, loaded.length - maxPages);
  const pages = { ...window.pages };
  const appliedSeq = { ...window.appliedSeq };
  for (const page of farthest) {
    delete pages[page];
    delete appliedSeq[page];
  }
  return { ...window, pages, appliedSeq };
}
