import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { Draft } from '../../shared/model/draft';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import type { DraftSaver } from './draft-saver';
import { toErrorData } from './error-data';
import { createSequenceGuards } from './sequence-guard';

export interface DomainDrafts {
  drafts: readonly Draft[];
  loaded: boolean;
  error: AppErrorData | null;
}

export interface DraftsState {
  /** Each domain's drafts as the core listed them last (newest first). */
  lists: Readonly<Record<string, DomainDrafts>>;
  /** The draft discarded last from the Drafts list, which Undo brings back. */
  lastDiscarded: { domain: string; id: string } | null;
  failed: AppErrorData | null;
  load(domain: string): Promise<void>;
  discard(domain: string, id: string): Promise<void>;
  undoDiscard(): Promise<Draft | null>;
  duplicate(domain: string, id: string): Promise<Draft | null>;
  forget(domain: string): void;
}

/**
 * The Drafts list of each domain. Every list read is handed to `onListed`, so the New
 * case and the composers pick up, after a reload or a restart, what the core kept.
 */
export function createDraftsStore(
  client: PartnerDeskClient,
  saver: DraftSaver,
  onListed: (domain: string, drafts: readonly Draft[]) => void,
): StoreApi<DraftsState> {
  const guards = createSequenceGuards();
  return createStore<DraftsState>((set, get) => ({
    lists: {},
    lastDiscarded: null,
    failed: null,

    async load(domain) {
      const seq = guards.of(domain).next();
      try {
        const drafts = await client.invoke('drafts:list', { domain });
        if (!guards.of(domain).isLatest(seq)) return;
        set((state) => ({ lists: { ...state.lists, [domain]: { drafts, loaded: true, error: null } } }));
        onListed(domain, drafts);
      } catch (error) {
        if (!guards.of(domain).isLatest(seq)) return;
        set((state) => ({
          lists: {
            ...state.lists,
            [domain]: { drafts: state.lists[domain]?.drafts ?? [], loaded: true, error: toErrorData(error) },
          },
        }));
      }
    },

    async discard(domain, id) {
      set({ failed: null });
      await saver.discard(domain, id);
      set({ lastDiscarded: { domain, id } });
      await get().load(domain);
    },

    async undoDiscard() {
      const last = get().lastDiscarded;
      if (!last) return null;
      set({ lastDiscarded: null, failed: null });
      try {
        const draft = await client.invoke('draft:restore', last);
        saver.restored(last.id);
        await get().load(last.domain);
        return draft;
      } catch (error) {
        set({ failed: toErrorData(error) });
        return null;
      }
    },

    async duplicate(domain, id) {
      set({ failed: null });
      try {
        // What is still being typed in it is part of the copy.
        await saver.flush(id);
        const copy = await client.invoke('draft:duplicate', { domain, id });
        await get().load(domain);
        return copy;
      } catch (error) {
        set({ failed: toErrorData(error) });
        return null;
      }
    },

    forget(domain) {
      guards.forget(domain);
      set((state) => {
        const lists = { ...state.lists };
        delete lists[domain];
        return { lists, lastDiscarded: state.lastDiscarded?.domain === domain ? null : state.lastDiscarded };
      });
    },
  }));
}
