import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import type { CaseListState } from './case-list-store';
import { toErrorData } from './error-data';
import type { QueryWindow } from './query-window';

export interface ReadMarksState {
  /** Per domain: a "Mark all read" under way. */
  marking: Readonly<Record<string, boolean>>;
  /** Per domain: why the last "Mark all read" failed. */
  errors: Readonly<Record<string, AppErrorData | null>>;
  /** Marks read every unread case of the domain's view as on screen (its customer or My cases, its filters). */
  markAllRead(domain: string): Promise<void>;
  forget(domain: string): void;
}

/**
 * Whether the view has an unread case: the core counts them over the whole view
 * (`unreadTotal`), whatever the sort; a fetched row marked unread counts too, for the
 * moment between a change and the next answer.
 */
export function hasUnreadRows(window: QueryWindow | null): boolean {
  if (!window) return false;
  return window.unreadTotal > 0 || Object.values(window.pages).some((rows) => rows.some((row) => row.unread));
}

export function createReadMarksStore(
  client: PartnerDeskClient,
  caseLists: StoreApi<CaseListState>,
): StoreApi<ReadMarksState> {
  return createStore<ReadMarksState>((set, get) => ({
    marking: {},
    errors: {},

    async markAllRead(domain) {
      const view = caseLists.getState().lists[domain];
      if (!view || get().marking[domain]) return;
      set((s) => ({ marking: { ...s.marking, [domain]: true }, errors: { ...s.errors, [domain]: null } }));
      try {
        await client.invoke('cases:markAllRead', {
          domain,
          ...(view.customerId !== undefined ? { customerId: view.customerId } : {}),
          filters: view.filters,
        });
        // The rows on screen lose their marks now, whether or not the core also says cases:changed.
        caseLists.getState().refresh(domain);
      } catch (error) {
        set((s) => ({ errors: { ...s.errors, [domain]: toErrorData(error) } }));
      } finally {
        set((s) => ({ marking: { ...s.marking, [domain]: false } }));
      }
    },

    forget(domain) {
      set((s) => {
        const marking = { ...s.marking };
        const errors = { ...s.errors };
        delete marking[domain];
        delete errors[domain];
        return { marking, errors };
      });
    },
  }));
}
