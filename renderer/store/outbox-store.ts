import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { Draft } from '../../shared/model/draft';
import type { OutboxItem, OutboxSubmission } from '../../shared/model/outbox';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';
import { createSequenceGuards } from './sequence-guard';

export interface OutboxView {
  /** Newest first; null until first loaded. */
  items: readonly OutboxItem[] | null;
  error: AppErrorData | null;
  /** The last retry, edit or discard the core refused, by item. */
  actionError: { id: string; error: AppErrorData } | null;
}

export interface OutboxState {
  lists: Readonly<Record<string, OutboxView>>;
  load(domain: string): Promise<void>;
  /** Commits the submission to the domain's outbox; rejects when it was refused at once. */
  submit(domain: string, submission: OutboxSubmission): Promise<OutboxItem>;
  retry(domain: string, id: string): Promise<void>;
  /** The item back as a draft; null when the core refused (see actionError). */
  edit(domain: string, id: string): Promise<Draft | null>;
  discard(domain: string, id: string): Promise<void>;
  forget(domain: string): void;
}

const EMPTY: OutboxView = { items: null, error: null, actionError: null };

/** Items not yet sent: what the domain header counts. */
export function unsentCount(view: OutboxView | undefined): number {
  return view?.items?.filter((item) => item.state !== 'sent').length ?? 0;
}

/** Each domain's outbox as the core keeps it; `outbox:changed` reloads it (wire-events). */
export function createOutboxStore(client: PartnerDeskClient): StoreApi<OutboxState> {
  const guards = createSequenceGuards();
  return createStore<OutboxState>((set, get) => {
    const change = (domain: string, fields: Partial<OutboxView>) =>
      set((state) => ({ lists: { ...state.lists, [domain]: { ...(state.lists[domain] ?? EMPTY), ...fields } } }));
    const act = async <T>(domain: string, id: string, call: () => Promise<T>): Promise<T | null> => {
      change(domain, { actionError: null });
      try {
        const result = await call();
        await get().load(domain);
        return result;
      } catch (error) {
        change(domain, { actionError: { id, error: toErrorData(error) } });
        return null;
      }
    };
    return {
      lists: {},
      async load(domain) {
        const seq = guards.of(domain).next();
        try {
          const items = await client.invoke('outbox:list', { domain });
          if (guards.of(domain).isLatest(seq)) change(domain, { items, error: null });
        } catch (error) {
          if (guards.of(domain).isLatest(seq)) change(domain, { error: toErrorData(error) });
        }
      },
      async submit(domain, submission) {
        const item = await client.invoke('outbox:submit', { domain, draftId: null, submission });
        void get().load(domain);
        return item;
      },
      async retry(domain, id) {
        await act(domain, id, () => client.invoke('outbox:retry', { domain, id }));
      },
      edit: (domain, id) => act(domain, id, () => client.invoke('outbox:edit', { domain, id })),
      async discard(domain, id) {
        await act(domain, id, () => client.invoke('outbox:discard', { domain, id }));
      },
      forget(domain) {
        guards.forget(domain);
        set((state) => {
          const lists = { ...state.lists };
          delete lists[domain];
          return { lists };
        });
      },
    };
  });
}
