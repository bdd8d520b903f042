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
}

export interface CaseDetailState {
  details: Readonly<Record<string, CaseDetailView>>;
  load(domain: string, name: string): Promise<void>;
  /** case:changed */
  apply(domain: string, detail: CaseDetail): void;
  forget(domain: string): void;
}

export function caseDetailKey(domain: string, name: string): string {
  return `${domain}|${name}`;
}

export function createCaseDetailStore(client: PartnerDeskClient): StoreApi<CaseDetailState> {
  return createStore<CaseDetailState>((set) => {
    const update = (key: string, change: Partial<CaseDetailView>) =>
      set((state) => ({
        details: {
          ...state.details,
          [key]: { detail: null, loading: false, error: null, ...state.details[key], ...change },
        },
      }));

    return {
      details: {},

      async load(domain, name) {
        const key = caseDetailKey(domain, name);
        update(key, { loading: true, error: null });
        try {
          const { detail, source } = await client.invoke('case:get', { domain, name });
          if (detail) update(key, { detail, loading: false });
          // Nothing cached yet: case:changed brings it when the network answers.
          else if (source === 'cache') update(key, { loading: true });
          else update(key, { loading: false, error: { code: 'not_found', message: name } });
        } catch (error) {
          update(key, { loading: false, error: toErrorData(error) });
        }
      },

      apply(domain, detail) {
        update(caseDetailKey(domain, detail.name), { detail, loading: false, error: null });
      },

      forget(domain) {
        set((state) => ({
          details: Object.fromEntries(Object.entries(state.details).filter(([key]) => !key.startsWith(`${domain}|`))),
        }));
      },
    };
  });
}
