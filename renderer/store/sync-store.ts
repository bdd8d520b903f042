import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SyncStatus } from '../../shared/model/account';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';

export interface SyncState {
  statuses: Readonly<Record<string, SyncStatus>>;
  load(domain: string): Promise<void>;
  /** "Refresh now". */
  syncNow(domain: string): Promise<void>;
  /** sync:status */
  apply(status: SyncStatus): void;
}

export function createSyncStore(client: PartnerDeskClient): StoreApi<SyncState> {
  return createStore<SyncState>((set, get) => {
    const fetchStatus = async (domain: string, channel: 'sync:status' | 'sync:now') => {
      try {
        get().apply(await client.invoke(channel, { domain }));
      } catch (error) {
        const previous = get().statuses[domain];
        get().apply({
          domain,
          state: 'error',
          lastSyncedAt: previous?.lastSyncedAt ?? null,
          error: toErrorData(error),
        });
      }
    };
    return {
      statuses: {},
      load: (domain) => fetchStatus(domain, 'sync:status'),
      syncNow: (domain) => fetchStatus(domain, 'sync:now'),
      apply(status) {
        set((state) => ({ statuses: { ...state.statuses, [status.domain]: status } }));
      },
    };
  });
}
