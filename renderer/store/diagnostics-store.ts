import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { Diagnostics } from '../../shared/model/diagnostics';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';
import { createSequenceGuards } from './sequence-guard';

/** One domain's Diagnostics page: the last answer, a run under way, or why the run failed. */
export interface DiagnosticsView {
  diagnostics: Diagnostics | null;
  running: boolean;
  error: AppErrorData | null;
}

export interface DiagnosticsState {
  /** By domain: a domain's page only ever shows what diagnostics:run answered for that domain. */
  views: Readonly<Record<string, DiagnosticsView>>;
  /** Probes the domain again (diagnostics:run); only the latest run's answer is kept. */
  run(domain: string): Promise<void>;
  forget(domain: string): void;
}

export const EMPTY_DIAGNOSTICS_VIEW: DiagnosticsView = { diagnostics: null, running: false, error: null };

export function createDiagnosticsStore(client: PartnerDeskClient): StoreApi<DiagnosticsState> {
  const guards = createSequenceGuards();

  return createStore<DiagnosticsState>((set) => {
    const update = (domain: string, change: Partial<DiagnosticsView>) =>
      set((state) => ({
        views: { ...state.views, [domain]: { ...(state.views[domain] ?? EMPTY_DIAGNOSTICS_VIEW), ...change } },
      }));

    return {
      views: {},

      async run(domain) {
        const seq = guards.of(domain).next();
        // The last answer stays on screen while the probes run again, marked busy.
        update(domain, { running: true, error: null });
        try {
          const diagnostics = await client.invoke('diagnostics:run', { domain });
          // An answer about another domain would be a core bug; it never reaches this domain's page.
          if (diagnostics.domain !== domain)
            throw new Error(`diagnostics:run for ${domain} answered for another domain`);
          if (guards.of(domain).isLatest(seq)) update(domain, { diagnostics, running: false });
        } catch (error) {
          // A failed run shows why, not the previous answer as if it were current.
          if (guards.of(domain).isLatest(seq)) {
            update(domain, { diagnostics: null, running: false, error: toErrorData(error) });
          }
        }
      },

      forget(domain) {
        guards.forget(domain);
        set((state) => {
          const views = { ...state.views };
          delete views[domain];
          return { views };
        });
      },
    };
  });
}
