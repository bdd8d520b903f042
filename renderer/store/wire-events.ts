import type { AppStores } from './app-stores';
import { caseDetailKey } from './case-detail-store';

/** Feeds the contract's events into the stores. Returns the unsubscribe-all function. */
export function wireEvents(stores: AppStores): () => void {
  const { client } = stores;
  const subscriptions = [
    client.on('accounts:changed', ({ accounts }) => {
      const before = new Set(stores.accounts.getState().accounts.map((a) => a.domain));
      stores.accounts.getState().applyAccounts(accounts);
      const after = new Set(accounts.map((a) => a.domain));
      for (const domain of before) if (!after.has(domain)) forgetDomain(stores, domain);
    }),
    client.on('cases:changed', ({ domain }) => {
      stores.caseLists.getState().refresh(domain);
      if (stores.customers.getState().lists[domain]) void stores.customers.getState().load(domain);
      // A case filed from here turns real when a sync lists it, which only says cases:changed: read it again.
      const open = stores.ui.getState().openCase[domain];
      if (open && stores.caseDetails.getState().details[caseDetailKey(domain, open)]?.detail?.pending) {
        void stores.caseDetails.getState().load(domain, open);
      }
    }),
    client.on('case:changed', ({ domain, detail }) => stores.caseDetails.getState().apply(domain, detail)),
    client.on('transfer:progress', (progress) => stores.transfers.getState().applyProgress(progress)),
    client.on('sync:status', (status) => stores.sync.getState().apply(status)),
    client.on('outbox:changed', ({ domain }) => void stores.outbox.getState().load(domain)),
    client.on('settings:changed', (settings) => stores.settings.getState().apply(settings)),
    client.on('notification:open', ({ domain, name }) => {
      stores.accounts.getState().activate(domain);
      stores.ui.getState().openCaseIn(domain, name);
    }),
  ];
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}

/** A signed-out domain leaves nothing behind in the window. */
export function forgetDomain(stores: AppStores, domain: string): void {
  stores.caseLists.getState().forget(domain);
  stores.caseDetails.getState().forget(domain);
  stores.caseActions.getState().forget(domain);
  stores.transfers.getState().forget(domain);
  stores.customers.getState().forget(domain);
  stores.outbox.getState().forget(domain);
  stores.ui.getState().openCaseIn(domain, null);
}
