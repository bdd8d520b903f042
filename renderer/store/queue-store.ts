import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { QueueResult } from '../../shared/model/attention-queue';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';

/** A sync pass says cases:changed per domain, several in a row: the queue is read again at most this often. */
export const QUEUE_REFRESH_MS = 300;

export interface QueueState {
  /** The last answer; null until the queue was first read. */
  result: QueueResult | null;
  loading: boolean;
  error: AppErrorData | null;
  /** Reads the queue now (the All-domains tab opening, or Try again). */
  load(): Promise<void>;
  /** Something changed in a domain: reads the queue again soon, once for a burst; nothing until it was first read. */
  refreshSoon(): void;
  dispose(): void;
}

/** The All-domains queue of the window: every signed-in domain's cases that need the team, merged by the core. */
export function createQueueStore(client: PartnerDeskClient, refreshMs = QUEUE_REFRESH_MS): StoreApi<QueueState> {
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return createStore<QueueState>((set, get) => ({
    result: null,
    loading: false,
    error: null,

    async load() {
      const seq = ++latest;
      set({ loading: true });
      try {
        const result = await client.invoke('queue:query', {});
        if (seq === latest) set({ result, loading: false, error: null });
      } catch (error) {
        if (seq === latest) set({ loading: false, error: toErrorData(error) });
      }
    },

    refreshSoon() {
      const state = get();
      if (timer !== undefined || (state.result === null && state.error === null && !state.loading)) return;
      timer = setTimeout(() => {
        timer = undefined;
        void get().load();
      }, refreshMs);
    },

    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  }));
}
