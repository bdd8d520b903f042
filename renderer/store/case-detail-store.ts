import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { CaseDetail } from '../../shared/model/case';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';

export interface CaseDetailView {
  detail: CaseDetail | null;
  /** Waiting for the network: nothing cached, or a cached copy being refreshed. */
  loading: boolean;
  error: AppErrorData | null;
  /** The detail is the saved copy, not refreshed since it was opened: shown as such. */
  savedCopy: boolean;
  /** When the saved copy was read from the server, if known. */
  savedAt: string | null;
  /** Why the saved copy could not be refreshed (case:refreshFailed); it stays on screen meanwhile. */
  refreshError: AppErrorData | null;
  /** Bumped by every case:changed and case:refreshFailed: a case:get answer older than one does not undo it. */
  news: number;
}

export interface CaseDetailState {
  details: Readonly<Record<string, CaseDetailView>>;
  load(domain: string, name: string): Promise<void>;
  /** case:changed */
  apply(domain: string, detail: CaseDetail): void;
  /** case:refreshFailed */
  refreshFailed(domain: string, name: string, error: AppErrorData): void;
  forget(domain: string): void;
}

export function caseDetailKey(domain: string, name: string): string {
  return `${domain}|${name}`;
}

const EMPTY_VIEW: CaseDetailView = {
  detail: null,
  loading: false,
  error: null,
  savedCopy: false,
  savedAt: null,
  refreshError: null,
  news: 0,
};

export function createCaseDetailStore(client: PartnerDeskClient): StoreApi<CaseDetailState> {
  return createStore<CaseDetailState>((set, get) => {
    const update = (key: string, change: Partial<CaseDetailView>) =>
      set((state) => ({
        details: { ...state.details, [key]: { ...EMPTY_VIEW, ...state.details[key], ...change } },
      }));
    const news = (key: string) => get().details[key]?.news ?? 0;

    return {
      details: {},

      async load(domain, name) {
        const key = caseDetailKey(domain, name);
        update(key, { loading: true, error: null, refreshError: null });
        const before = news(key);
        try {
          const { detail, source, savedAt } = await client.invoke('case:get', { domain, name });
          const current = get().details[key];
          // The refresh already answered (it may overtake case:get's own answer): keep what it said.
          const refreshed = news(key) !== before && current?.refreshError === null;
          if (refreshed) return;
          if (detail && source === 'cache') {
            update(key, {
              detail,
              savedCopy: true,
              savedAt: savedAt ?? null,
              loading: current?.refreshError === null,
            });
          } else if (detail) {
            update(key, { detail, savedCopy: false, savedAt: null, loading: false });
          } else if (source === 'cache') {
            // Nothing cached yet: case:changed brings it when the network answers.
            update(key, { loading: true });
          } else {
            update(key, { loading: false, error: { code: 'not_found', message: name } });
          }
        } catch (error) {
          update(key, { loading: false, error: toErrorData(error) });
        }
      },

      apply(domain, detail) {
        const key = caseDetailKey(domain, detail.name);
        update(key, {
          detail,
          loading: false,
          error: null,
          savedCopy: false,
          savedAt: null,
          refreshError: null,
          news: news(key) + 1,
        });
      },

      refreshFailed(domain, name, error) {
        const key = caseDetailKey(domain, name);
        update(key, { loading: false, refreshError: error, news: news(key) + 1 });
      },

      forget(domain) {
        set((state) => ({
          details: Object.fromEntries(Object.entries(state.details).filter(([key]) => !key.startsWith(`${domain}|`))),
        }));
      },
    };
  });
}
