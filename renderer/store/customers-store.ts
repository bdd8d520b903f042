import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppErrorData } from '../../shared/app-error';
import type { Customer } from '../../shared/model/customer';
import type { PartnerDeskClient } from '../ipc/partner-desk-client';
import { toErrorData } from './error-data';
import { createSequenceGuards } from './sequence-guard';

export interface CustomerListView {
  search: string;
  customers: readonly Customer[] | null;
  loading: boolean;
  error: AppErrorData | null;
  /**
   * Every customer any answer listed, by id: the customer whose cases are shown stays known
   * while a search hides it from the list (its name, its reseller access).
   */
  seen: Readonly<Record<string, Customer>>;
}

export interface CustomersState {
  lists: Readonly<Record<string, CustomerListView>>;
  /** Loads (or searches) a domain's customers; only the latest search's answer is kept. */
  load(domain: string, search?: string): Promise<void>;
  forget(domain: string): void;
}

const EMPTY: CustomerListView = { search: '', customers: null, loading: false, error: null, seen: {} };

export function createCustomersStore(client: PartnerDeskClient): StoreApi<CustomersState> {
  const guards = createSequenceGuards();

  return createStore<CustomersState>((set, get) => {
    const update = (domain: string, change: Partial<CustomerListView>) =>
      set((state) => ({ lists: { ...state.lists, [domain]: { ...(state.lists[domain] ?? EMPTY), ...change } } }));

    return {
      lists: {},

      async load(domain, search) {
        const term = search ?? get().lists[domain]?.search ?? '';
        const seq = guards.of(domain).next();
        update(domain, { search: term, loading: true });
        try {
          const customers = await client.invoke('customers:list', term ? { domain, search: term } : { domain });
          if (guards.of(domain).isLatest(seq)) {
            const seen = { ...get().lists[domain]?.seen };
            for (const customer of customers) seen[customer.customerId] = customer;
            update(domain, { customers, loading: false, error: null, seen });
          }
        } catch (error) {
          if (guards.of(domain).isLatest(seq)) update(domain, { loading: false, error: toErrorData(error) });
        }
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
