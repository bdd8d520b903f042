import { createStore, type StoreApi } from 'zustand/vanilla';
import { AppError, type AppErrorData } from '../../shared/app-error';
import type { CaseState, Priority } from '../../shared/model/case';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS, type CaseFilters, type CaseSort } from '../../shared/model/case-query';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import {
  applyPage,
  CASE_PAGE_SIZE,
  emptyWindow,
  loadedPages,
  markInFlight,
  markStale,
  pageLimit,
  pagesForRange,
  pagesToFetch,
  releasePage,
  trimPages,
  type QueryWindow,
} from './query-window';
import { toErrorData } from './error-data';

/** How many recent queries per domain keep their rows, so going back to one is instant. */
const KEPT_QUERIES = 8;
/** Pages of rows kept per query (100 rows each): enough for fast scrolling back, bounded for 50,000 cases. */
const KEPT_PAGES = 40;
/**
 * Filters are saved once typing pauses for this long, not on every keystroke: each save
 * writes the preferences file in the core, which would delay the keystroke's own query.
 */
export const FILTERS_SAVE_DELAY_MS = 300;

export interface CaseListView {
  /** filters:get answered: the remembered filters are in place. */
  ready: boolean;
  /** Absent: "My cases" (every customer of the domain). */
  customerId: string | undefined;
  filters: CaseFilters;
  sort: CaseSort;
  /** The query the controls describe. */
  currentKey: string;
  /** The query whose rows are on screen: the current one once it answered, the previous one until then. */
  shownKey: string | null;
  windows: Readonly<Record<string, QueryWindow>>;
  recentKeys: readonly string[];
  error: AppErrorData | null;
}

export interface CaseListState {
  lists: Readonly<Record<string, CaseListView>>;
  open(domain: string): Promise<void>;
  setScope(domain: string, customerId: string | undefined): void;
  setKeyword(domain: string, keyword: string): void;
  setStates(domain: string, states: CaseState[]): void;
  setPriorities(domain: string, priorities: Priority[]): void;
  clearFilters(domain: string): void;
  sortBy(domain: string, key: CaseSort['key']): void;
  showRange(domain: string, first: number, last: number): void;
  /** cases:changed: the domain's cache changed; fetch what is on screen again. */
  refresh(domain: string): void;
  /** After an error: ask again for what is on screen. */
  retry(domain: string): void;
  forget(domain: string): void;
}

export function queryKey(view: Pick<CaseListView, 'customerId' | 'filters' | 'sort'>): string {
  return JSON.stringify([view.customerId ?? null, view.filters, view.sort]);
}

function initialView(): CaseListView {
  const base = { customerId: undefined, filters: EMPTY_CASE_FILTERS, sort: DEFAULT_CASE_SORT };
  return {
    ...base,
    ready: false,
    currentKey: queryKey(base),
    shownKey: null,
    windows: {},
    recentKeys: [],
    error: null,
  };
}

export function shownWindow(view: CaseListView | undefined): QueryWindow | null {
  if (!view || view.shownKey === null) return null;
  return view.windows[view.shownKey] ?? null;
}

/**
 * The list shows the answer to the query its controls describe and waits for nothing:
 * no request for that query is in flight (a keystroke's, a scroll's, or the refetch
 * after cases:changed). An error is an answer too. Marked on the list for the e2e,
 * which reads the count and rows only then, never an earlier filter's.
 */
export function isSettled(view: CaseListView): boolean {
  const window = view.windows[view.currentKey];
  if (!view.ready || !window || Object.keys(window.inFlightSeq).length > 0) return false;
  return view.error !== null || (view.shownKey === view.currentKey && window.total !== null);
}

export function createCaseListStore(client: PartnerDeskClient): StoreApi<CaseListState> {
  let seq = 0;
  // The rows on screen per domain: kept out of the state so scrolling re-renders nothing by itself.
  const visibleRows = new Map<string, { first: number; last: number }>();
  const visible = (domain: string) => visibleRows.get(domain) ?? { first: 0, last: 40 };
  const pendingSaves = new Map<string, ReturnType<typeof setTimeout>>();
  /** Changes of the filters made by the user, per domain: a late filters:get must not undo them. */
  const edits = new Map<string, number>();
  /** Domains whose filters could not be saved (the core did not answer): saved again when it answers. */
  const unsaved = new Set<string>();
  const opening = new Map<string, Promise<void>>();

  return createStore<CaseListState>((set, get) => {
    const view = (domain: string) => get().lists[domain] ?? initialView();
    const update = (domain: string, change: (current: CaseListView) => CaseListView) =>
      set((state) => ({ lists: { ...state.lists, [domain]: change(state.lists[domain] ?? initialView()) } }));

    const fetchPage = async (domain: string, key: string, page: number) => {
      const current = view(domain);
      const window = current.windows[key];
      if (!window) return;
      const limit = pageLimit(window, page, visible(domain).last);
      const requestSeq = ++seq;
      update(domain, (v) => withWindow(v, markInFlight(window, page, requestSeq)));
      try {
        const result = await client.invoke('cases:query', {
          domain,
          customerId: current.customerId,
          filters: current.filters,
          sort: current.sort,
          offset: page * CASE_PAGE_SIZE,
          limit,
        });
        update(domain, (v) => {
          const target = v.windows[key];
          if (!target) return v; // evicted meanwhile
          const center = Math.floor(visible(domain).first / CASE_PAGE_SIZE);
          const next = withWindow(v, trimPages(applyPage(target, page, requestSeq, result), center, KEPT_PAGES));
          return key === v.currentKey ? { ...next, shownKey: key, error: null } : next;
        });
        // The first answer gave the total: fetch the rest of what is on screen.
        if (key === view(domain).currentKey) fetchVisible(domain);
      } catch (error) {
        update(domain, (v) => {
          const target = v.windows[key];
          if (!target) return v;
          const next = withWindow(v, releasePage(target, page, requestSeq));
          return key === v.currentKey ? { ...next, error: toErrorData(error) } : next;
        });
      }
    };

    const fetchVisible = (domain: string) => {
      const current = view(domain);
      const window = current.windows[current.currentKey];
      if (!window || current.error) return;
      const { first, last } = visible(domain);
      const wanted = pagesForRange(first, last, window.total);
      for (const page of pagesToFetch(window, wanted, last)) void fetchPage(domain, current.currentKey, page);
    };

    /** Applies a change of scope, filters or sort: switch to that query's window, or start one. */
    const requery = (domain: string, change: Partial<Pick<CaseListView, 'customerId' | 'filters' | 'sort'>>) => {
      update(domain, (v) => {
        const next = { ...v, ...change };
        const key = queryKey(next);
        const windows = next.windows[key] ? next.windows : { ...next.windows, [key]: emptyWindow(key) };
        const recentKeys = [...next.recentKeys.filter((k) => k !== key), key];
        const evicted = recentKeys.splice(0, Math.max(0, recentKeys.length - KEPT_QUERIES));
        const kept = { ...windows };
        for (const old of evicted) if (old !== next.shownKey) delete kept[old];
        const known = kept[key]?.total !== null;
        return {
          ...next,
          currentKey: key,
          shownKey: known ? key : next.shownKey,
          windows: kept,
          recentKeys,
          error: null,
        };
      });
      // The list goes back to the top for a new query.
      const { first, last } = visible(domain);
      visibleRows.set(domain, { first: 0, last: Math.max(40, last - first) });
      if (view(domain).ready) fetchVisible(domain);
    };

    const saveFilters = (domain: string) => {
      edits.set(domain, (edits.get(domain) ?? 0) + 1);
      clearTimeout(pendingSaves.get(domain));
      pendingSaves.set(
        domain,
        setTimeout(() => {
          pendingSaves.delete(domain);
          const current = get().lists[domain];
          if (!current) return;
          unsaved.delete(domain);
          client.invoke('filters:set', { domain, filters: current.filters }).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'core_lost') unsaved.add(domain);
            else client.log.error('filters:set failed', error);
          });
        }, FILTERS_SAVE_DELAY_MS),
      );
    };
    // The core answers again: what was typed while it was gone is saved now.
    client.onCoreLost((lost) => {
      if (lost) return;
      for (const domain of [...unsaved]) {
        unsaved.delete(domain);
        if (get().lists[domain]) saveFilters(domain);
      }
    });

    /**
     * Reads the remembered filters, unless the user changed the filters meanwhile (a
     * customer picked, a keyword typed while the core was slow or gone): what the user
     * typed wins over what was stored, and stays when the read fails.
     */
    const openFirstTime = async (domain: string) => {
      const editsBefore = edits.get(domain) ?? 0;
      let remembered: CaseFilters | undefined;
      try {
        remembered = await client.invoke('filters:get', { domain });
      } catch (error) {
        client.log.warn('filters:get failed; the filters stay as they are', error);
      }
      const typedMeanwhile = (edits.get(domain) ?? 0) !== editsBefore;
      update(domain, (v) => ({ ...v, ready: true }));
      requery(domain, remembered && !typedMeanwhile ? { filters: remembered } : {});
    };

    return {
      lists: {},

      async open(domain) {
        if (get().lists[domain]?.ready) {
          fetchVisible(domain);
          return;
        }
        // A second mount while the first read is under way waits for it rather than reading again.
        let pending = opening.get(domain);
        if (!pending) {
          pending = openFirstTime(domain).finally(() => opening.delete(domain));
          opening.set(domain, pending);
        }
        await pending;
      },

      setScope(domain, customerId) {
        requery(domain, { customerId });
      },

      setKeyword(domain, keyword) {
        requery(domain, { filters: { ...view(domain).filters, keyword } });
        saveFilters(domain);
      },

      setStates(domain, states) {
        requery(domain, { filters: { ...view(domain).filters, states } });
        saveFilters(domain);
      },

      setPriorities(domain, priorities) {
        requery(domain, { filters: { ...view(domain).filters, priorities } });
        saveFilters(domain);
      },

      clearFilters(domain) {
        requery(domain, { filters: EMPTY_CASE_FILTERS });
        saveFilters(domain);
      },

      sortBy(domain, key) {
        const { sort } = view(domain);
        const direction =
          sort.key === key
            ? sort.direction === 'asc'
              ? 'desc'
              : 'asc'
            : key === 'updateTime' || key === 'createTime'
              ? 'desc'
              : 'asc';
        requery(domain, { sort: { key, direction } });
      },

      showRange(domain, first, last) {
        const previous = visible(domain);
        if (previous.first === first && previous.last === last) return;
        visibleRows.set(domain, { first, last });
        if (view(domain).ready) fetchVisible(domain);
      },

      refresh(domain) {
        if (!get().lists[domain]) return;
        const changeSeq = seq;
        update(domain, (v) => {
          // Other queries' rows are outdated now; the shown one stays visible until refetched.
          const windows: Record<string, QueryWindow> = {};
          for (const key of [v.currentKey, v.shownKey]) {
            const window = key === null ? undefined : v.windows[key];
            if (window) windows[window.key] = markStale(window, changeSeq);
          }
          return { ...v, windows, recentKeys: Object.keys(windows), error: null };
        });
        const current = view(domain);
        const window = current.windows[current.currentKey];
        if (!window || !current.ready) return;
        const { first, last } = visible(domain);
        const wanted = new Set([
          ...pagesForRange(first, last, window.total),
          ...loadedPages(window).filter((page) => isNear(page, first)),
        ]);
        for (const page of pagesToFetch(window, [...wanted])) void fetchPage(domain, current.currentKey, page);
      },

      retry(domain) {
        update(domain, (v) => ({ ...v, error: null }));
        fetchVisible(domain);
      },

      forget(domain) {
        visibleRows.delete(domain);
        unsaved.delete(domain);
        edits.delete(domain);
        clearTimeout(pendingSaves.get(domain));
        pendingSaves.delete(domain);
        set((state) => {
          const lists = { ...state.lists };
          delete lists[domain];
          return { lists };
        });
      },
    };
  });
}

function withWindow(view: CaseListView, window: QueryWindow): CaseListView {
  return { ...view, windows: { ...view.windows, [window.key]: window } };
}

/** Pages one screen away are refetched too, so a small scroll after a change shows fresh rows. */
function isNear(page: number, firstVisibleRow: number): boolean {
  return Math.abs(page - Math.floor(firstVisibleRow / CASE_PAGE_SIZE)) <= 1;
}
