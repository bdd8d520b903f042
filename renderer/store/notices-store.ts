import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Notice } from '../../shared/model/notice';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';

export interface NoticesState {
  /** What main has to tell, oldest first, until dismissed. */
  notices: readonly Notice[];
  /** notices:list, at start and on each notices:changed. */
  load(): Promise<void>;
  /** Hidden at once; main forgets it (notice:dismiss). */
  dismiss(id: string): Promise<void>;
}

/**
 * The notices main posted (a damaged file recovered, an account skipped): told once,
 * in the user's language, until the user dismisses them. A notice posted at start,
 * before this window listened, comes with the first load.
 */
export function createNoticesStore(client: PartnerDeskClient): StoreApi<NoticesState> {
  // Only the answer to the latest list applies: an older one could bring back a dismissed notice.
  let latest = 0;
  const dismissed = new Set<string>();
  return createStore<NoticesState>((set, get) => ({
    notices: [],

    async load() {
      const seq = ++latest;
      try {
        const notices = await client.invoke('notices:list', {});
        if (seq === latest) set({ notices: notices.filter((notice) => !dismissed.has(notice.id)) });
      } catch (error) {
        // Keep what is shown; the next notices:changed lists again.
        client.log.error('Could not list the notices', error);
      }
    },

    async dismiss(id) {
      dismissed.add(id);
      set({ notices: get().notices.filter((notice) => notice.id !== id) });
      try {
        await client.invoke('notice:dismiss', { id });
      } catch (error) {
        client.log.error('Could not dismiss a notice', error);
      }
    },
  }));
}
